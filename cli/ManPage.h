#pragma once
// `bragg --help-man` (not listed in --help): prints the bragg(1) man page as roff. The build
// turns it into bragg.1.gz (packaging/ManPages.cmake). Nothing in it is written twice: the
// synopsis and command list are `usage` (bragg --help), the section of each command listed there
// is `bragg <command> --help` (run as a child process), and the nanoBragg flag section walks the
// flag table (engine/params/FlagTable.h).
namespace bragg::cli {

int printManPage(const char* usage);

}  // namespace bragg::cli
