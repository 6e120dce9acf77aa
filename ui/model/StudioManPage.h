#pragma once
// `bragg-studio --help-man` (not listed in --help): prints the bragg-studio(1) man page as roff,
// before any QApplication exists (no display needed). The synopsis and options are the --help
// text (ui/StudioCommandLine.h); the build turns the output into bragg-studio.1.gz.
namespace bragg::studio {

int printManPage();

}  // namespace bragg::studio
