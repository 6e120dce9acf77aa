# Sanitizer builds for every target (use a separate build directory for each):
#   -DBRAGG_SANITIZE=address   AddressSanitizer + LeakSanitizer + UndefinedBehaviorSanitizer
#                              (ON is accepted as a synonym, for older build directories)
#   -DBRAGG_SANITIZE=thread    ThreadSanitizer
#   -DBRAGG_SANITIZE=OFF       nothing (default)
# The presets in CMakePresets.json (asan, tsan) set this, an optimization level and
# BRAGG_SANITIZE_ENGINE_FLAGS.
# The tests find their run-time options in tests/sanitizers/ (suppressions, see README there).
#
# ThreadSanitizer and OpenMP: GCC's libgomp is not built with TSan, and it synchronizes its
# threads with raw futexes and atomics TSan cannot see, so a TSan build against libgomp reports
# races between the serial code before a parallel region and the worker threads inside it (false
# positives). LLVM's libomp, with its TSan annotation tool "archer" (libarcher.so, loaded through
# OMP_TOOL_LIBRARIES), tells TSan about every fork, join, barrier and reduction, so with Clang a
# TSan build sees the real races in our parallel loops. With GCC the thread build still works, but
# run it with OMP_NUM_THREADS=1 (then only non-OpenMP threads, e.g. the GUI's render worker, are
# checked) — tests/CMakeLists.txt does that automatically.
set(_bragg_sanitize_doc "Sanitizers: OFF, address (ASan+UBSan; ON means address) or thread (TSan)")
if(NOT DEFINED CACHE{BRAGG_SANITIZE})
  set(BRAGG_SANITIZE OFF CACHE STRING "${_bragg_sanitize_doc}")
endif()
set_property(CACHE BRAGG_SANITIZE PROPERTY TYPE STRING)
set_property(CACHE BRAGG_SANITIZE PROPERTY HELPSTRING "${_bragg_sanitize_doc}")
set_property(CACHE BRAGG_SANITIZE PROPERTY STRINGS OFF address thread)

string(TOLOWER "${BRAGG_SANITIZE}" _bragg_sanitize)
if(_bragg_sanitize MATCHES "^(on|yes|true|1|address|asan)$")
  set(BRAGG_SANITIZER address)
elseif(_bragg_sanitize MATCHES "^(thread|tsan)$")
  set(BRAGG_SANITIZER thread)
elseif(_bragg_sanitize MATCHES "^(off|no|false|0|)$")
  set(BRAGG_SANITIZER "")
else()
  message(FATAL_ERROR "BRAGG_SANITIZE=${BRAGG_SANITIZE}: use OFF, address or thread")
endif()

# True when the thread build can see OpenMP synchronization (Clang + libomp + archer).
set(BRAGG_TSAN_OPENMP_AWARE OFF)
set(BRAGG_ARCHER_LIBRARY "")

if(BRAGG_SANITIZER STREQUAL "address")
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
elseif(BRAGG_SANITIZER STREQUAL "thread")
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    # Clang links LLVM's libomp for -fopenmp; archer ships beside it.
    get_filename_component(_bragg_clang_dir "${CMAKE_CXX_COMPILER}" REALPATH)
    get_filename_component(_bragg_clang_dir "${_bragg_clang_dir}" DIRECTORY)
    find_library(BRAGG_ARCHER_LIBRARY_PATH NAMES archer
                 HINTS "${_bragg_clang_dir}/../lib" /usr/lib/llvm-${CMAKE_CXX_COMPILER_VERSION_MAJOR}/lib)
    if(NOT BRAGG_ARCHER_LIBRARY_PATH)
      string(REGEX MATCH "^[0-9]+" _bragg_clang_major "${CMAKE_CXX_COMPILER_VERSION}")
      find_library(BRAGG_ARCHER_LIBRARY_PATH NAMES archer HINTS /usr/lib/llvm-${_bragg_clang_major}/lib)
    endif()
    if(BRAGG_ARCHER_LIBRARY_PATH)
      set(BRAGG_TSAN_OPENMP_AWARE ON)
      set(BRAGG_ARCHER_LIBRARY "${BRAGG_ARCHER_LIBRARY_PATH}")
    endif()
  endif()
  if(BRAGG_TSAN_OPENMP_AWARE)
    message(STATUS "BRAGG_SANITIZE=thread: OpenMP-aware (archer: ${BRAGG_ARCHER_LIBRARY})")
  else()
    message(WARNING "BRAGG_SANITIZE=thread without Clang + libomp + archer: OpenMP regions are not "
                    "understood by TSan; the tests run with OMP_NUM_THREADS=1. Configure with "
                    "-DCMAKE_CXX_COMPILER=clang++ (packages clang, libomp-dev) to check the OpenMP loops.")
  endif()
endif()

# Compile options for the engine library only. The asan preset builds everything at -O0 (UBSan and
# ASan make optimized compiles several times slower) except the engine, which gets -Og here so that
# the renders in the tests run at a usable speed (at -O0 the agreement test alone exceeds 5 min;
# -O1 took 3 min for the kernel file alone, -Og 1 min).
set(BRAGG_SANITIZE_ENGINE_FLAGS "" CACHE STRING "Extra compile options for bragg_engine (e.g. -O1 in a -O0 sanitizer build)")
function(_bragg_apply_engine_flags)
  if(BRAGG_SANITIZE_ENGINE_FLAGS AND TARGET bragg_engine)
    separate_arguments(_flags UNIX_COMMAND "${BRAGG_SANITIZE_ENGINE_FLAGS}")
    target_compile_options(bragg_engine PRIVATE ${_flags})
  endif()
endfunction()
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL _bragg_apply_engine_flags)
