# The libraries behind the image formats the field's software reads (engine/io): libtiff for
# float32 TIFF, CBFlib for miniCBF (byte-offset compression, MIME header, MD5), the HDF5 C
# library for NeXus NXmx. One interface target, linked by the engine (and the fuzz build's engine).
find_package(TIFF REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(HDF5 REQUIRED IMPORTED_TARGET hdf5)  # Debian's serial build (FindHDF5 wants C enabled)
find_path(CBF_INCLUDE_DIR cbf.h PATH_SUFFIXES cbflib REQUIRED)
find_library(CBF_LIBRARY NAMES cbf REQUIRED)
add_library(bragg_format_libs INTERFACE)
target_include_directories(bragg_format_libs SYSTEM INTERFACE ${CBF_INCLUDE_DIR})
target_link_libraries(bragg_format_libs INTERFACE TIFF::TIFF PkgConfig::HDF5 ${CBF_LIBRARY})
