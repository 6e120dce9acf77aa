#pragma once
// The application's entry point, kept in the library so main() stays a one-liner:
//   bragg-studio [nanoBragg flags]                    opens the window with those parameters
//   bragg-studio --export-comparison OUT.png [--summary OUT.json] [flags]
//                                                     renders, exports and exits (no display needed
//                                                     with QT_QPA_PLATFORM=offscreen)
// With no flags the built-in demo is loaded.
namespace bragg::ui {

int runStudio(int argc, char** argv);

}  // namespace bragg::ui
