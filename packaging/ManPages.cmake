# bragg.1 and bragg-studio.1, generated after the build by the programs themselves
# (`--help-man`), so they always match --help and the flag table. Target: bragg_man (in ALL).
find_program(GZIP_EXECUTABLE gzip REQUIRED)
set(BRAGG_MAN_DIR ${CMAKE_BINARY_DIR}/man)  # also read by tests/packaging/manpage_test.cpp

set(_bragg_man_pages)
foreach(program bragg bragg-studio)
  if(NOT TARGET ${program})
    continue()
  endif()
  set(page ${BRAGG_MAN_DIR}/${program}.1)
  add_custom_command(OUTPUT ${page} ${page}.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${BRAGG_MAN_DIR}
    COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${program}> -DPAGE=${page}
            -DGZIP=${GZIP_EXECUTABLE} -P ${CMAKE_CURRENT_LIST_DIR}/GenerateManPage.cmake
    DEPENDS ${program} ${CMAKE_CURRENT_LIST_DIR}/GenerateManPage.cmake
    COMMENT "Generating ${program}.1 (${program} --help-man)"
    VERBATIM)
  list(APPEND _bragg_man_pages ${page}.gz)
endforeach()
add_custom_target(bragg_man ALL DEPENDS ${_bragg_man_pages})
install(FILES ${_bragg_man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
