# Warnings as an INTERFACE target: every project target links it, nothing else sees it.
add_library(bragg_warnings INTERFACE)
target_compile_options(bragg_warnings INTERFACE -Wall -Wextra -Wpedantic)
# CI turns them into errors (.ci/run exports BRAGG_WERROR=ON), so a new warning fails the run
# while local builds only warn; -DBRAGG_WERROR=ON does the same by hand.
set(_bragg_werror_default OFF)
if("$ENV{BRAGG_WERROR}")
  set(_bragg_werror_default ON)
endif()
option(BRAGG_WERROR "Treat compiler warnings as errors (CI)" ${_bragg_werror_default})
if(BRAGG_WERROR)
  target_compile_options(bragg_warnings INTERFACE -Werror)
endif()
