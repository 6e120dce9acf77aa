// bragg-studio: the desktop app. Everything lives in the bragg_ui library; this only hands over
// the command line (see ui/StudioApp.h for the options).
#include "StudioApp.h"

int main(int argc, char** argv) { return bragg::ui::runStudio(argc, argv); }
