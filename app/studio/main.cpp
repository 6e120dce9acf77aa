// bragg-studio: the desktop app. Everything lives in the bragg_ui library; this only hands over
// the command line (see ui/StudioApp.h for the options).
#include <string_view>

#include "StudioApp.h"
#include "StudioManPage.h"

int main(int argc, char** argv) {
    if (argc == 2 && std::string_view(argv[1]) == "--help-man")
        return bragg::studio::printManPage();  // bragg-studio.1
    return bragg::ui::runStudio(argc, argv);
}
