#include "DemoSession.h"

#include "params/FlagParser.h"

namespace bragg::ui {

const std::vector<std::string>& demoFlags() {
    static const std::vector<std::string> flags = {
        "-cell",      "70",         "80",  "90",        "75",      "85",      "95",
        "-default_F", "100",        "-N",  "5",         "-mosaic", "0.3",     "-mosaic_domains",
        "5",          "-detpixels", "512", "-distance", "80",      "-lambda", "1"};
    return flags;
}

Params demoParams() { return parseNanoBraggFlags(demoFlags()).params; }

}  // namespace bragg::ui
