# Installation layout and the Debian package: `cpack -G DEB` in the build directory gives
# bragg-studio_<version>_<arch>.deb with both programs, their man pages, the desktop entry and
# the icon. Included once from the top-level CMakeLists.txt, after app/.
include(GNUInstallDirs)
include(${CMAKE_CURRENT_LIST_DIR}/ManPages.cmake)

if(TARGET bragg-studio)
  install(FILES ${CMAKE_CURRENT_LIST_DIR}/bragg-studio.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${CMAKE_SOURCE_DIR}/resources/bragg-studio.png  # 128x128
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/128x128/apps)
endif()

set(CPACK_PACKAGE_NAME bragg-studio)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "BraggStudio developers")
set(CPACK_PACKAGE_CONTACT "BraggStudio developers <dev@braggstudio.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "simulate and compare X-ray diffraction images (nanoBragg physics)")
set(CPACK_PACKAGE_DESCRIPTION  # one string; each line becomes a line of the control file
"BraggStudio renders X-ray diffraction images of small crystals with the
physics of nanoBragg, with a faithful reference engine and a fast optimized
engine, and compares them: images, difference, correlation, timings and a
PASS / BLOCKED verdict. It provides the command-line tool bragg (simulate,
compare, bisect, parity, bench, trace, hunt; nanoBragg's flags) and the desktop app
bragg-studio.")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends from the binaries (dpkg-shlibdeps)
include(CPack)
