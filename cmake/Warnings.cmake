# Warnings as an INTERFACE target: every project target links it, nothing else sees it.
add_library(bragg_warnings INTERFACE)
target_compile_options(bragg_warnings INTERFACE -Wall -Wextra -Wpedantic)
