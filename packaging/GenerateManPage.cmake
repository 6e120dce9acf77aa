# cmake -DPROGRAM=... -DPAGE=.../name.1 -DGZIP=... -P GenerateManPage.cmake
# Writes PAGE from `PROGRAM --help-man`, and PAGE.gz (gzip -n: no name or time stamp, so the
# package is reproducible).
execute_process(COMMAND ${PROGRAM} --help-man OUTPUT_FILE ${PAGE} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${PAGE})
  message(FATAL_ERROR "${PROGRAM} --help-man failed (${rc})")
endif()
execute_process(COMMAND ${GZIP} -n -9 -c ${PAGE} OUTPUT_FILE ${PAGE}.gz RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip ${PAGE} failed (${rc})")
endif()
