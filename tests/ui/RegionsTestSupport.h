#pragma once
// Constructed comparisons for the widget tests of the regions views: a 96² detector of 0.4 mm
// pixels at 80 mm, a lattice of spots, and complete results with the regions part computed.
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "RenderTypes.h"
#include "compare/DSpacingMap.h"
#include "params/Derive.h"
#include "params/FlagParser.h"

namespace testsupport {

inline const std::vector<std::string> kSmallDetectorFlags = {
    "-cell", "70", "80",         "90", "75",     "85",  "95",        "-default_F", "100",
    "-N",    "5",  "-detpixels", "96", "-pixel", "0.4", "-distance", "80"};

// Gaussian spots (σ = 1.5 px) every 12 px of a 96² image, moved by shiftFastPx, on a background
// of height backgroundPeak falling off from the centre (so that a radial profile has a shape).
inline std::shared_ptr<bragg::Image> spots(double shiftFastPx, double backgroundPeak = 0) {
    auto img = std::make_shared<bragg::Image>(96, 96);
    for (int s = 0; s < 96; ++s)
        for (int f = 0; f < 96; ++f) {
            double v =
                backgroundPeak * std::exp(-((f - 47.5) * (f - 47.5) + (s - 47.5) * (s - 47.5)) / 2000.0);
            for (int cs = 6; cs < 96; cs += 12)
                for (int cf = 6; cf < 96; cf += 12) {
                    const double r2 = (f - cf - shiftFastPx) * (f - cf - shiftFastPx) + (s - cs) * (s - cs);
                    v += std::exp(-r2 / 4.5);
                }
            img->at(f, s) = float(v);
        }
    return img;
}

// `image` with the tile of row 3, column 2 of the 8 × 8 grid (fast 24–35, slow 36–47) 1.5 times
// brighter.
inline std::shared_ptr<bragg::Image> brightTile(const bragg::Image& image) {
    auto out = std::make_shared<bragg::Image>(image);
    for (int s = 36; s < 48; ++s)
        for (int f = 24; f < 36; ++f) out->at(f, s) *= 1.5f;
    return out;
}

// A complete result of the two images under kSmallDetectorFlags: comparison with the default
// thresholds and the regions part (shells from the flags' geometry).
inline bragg::ui::RenderResultPtr regionsResult(std::shared_ptr<const bragg::Image> reference,
                                                std::shared_ptr<const bragg::Image> candidate) {
    auto r = std::make_shared<bragg::ui::RenderResult>();
    r->params = bragg::parseNanoBraggFlags(kSmallDetectorFlags).params;
    r->experiment = std::make_shared<const bragg::Experiment>(bragg::deriveExperiment(r->params, 0));
    r->reference = std::move(reference);
    r->candidate = std::move(candidate);
    r->comparison = bragg::compareImages(*r->reference, *r->candidate, bragg::Thresholds{});
    const std::vector<double> dSpacingA = bragg::dSpacingMapA(*r->experiment);
    bragg::addRegions(*r->comparison, *r->reference, *r->candidate, bragg::RegionOptions{}, &dSpacingA);
    r->complete = true;
    return r;
}

}  // namespace testsupport
