#pragma once
// The built-in demo the app opens on: a small triclinic crystal with mosaic on a 512² detector,
// quick enough that the first launch shows a comparison within a second or two.
#include <string>
#include <vector>

#include "params/Params.h"

namespace bragg::ui {

const std::vector<std::string>& demoFlags();
Params demoParams();

}  // namespace bragg::ui
