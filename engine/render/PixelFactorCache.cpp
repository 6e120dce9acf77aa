#include "render/PixelFactorCache.h"

#include <algorithm>
#include <cstdint>

#include "model/PixelGeometry.h"
#include "physics/Physics.h"
#include "render/ReferencePixel.h"

namespace bragg {
namespace {

// Every number the factors depend on. Equal keys → equal factors.
std::vector<double> detectorKey(const Experiment& e) {
    const DetectorModel& d = e.detector;
    const BeamModel& b = e.beam;
    std::vector<double> k{double(d.fpixels),
                          double(d.spixels),
                          d.pixelSize,
                          d.distance,
                          d.closeDistance,
                          double(d.curved),
                          double(d.pointPixel),
                          double(d.oversample),
                          d.thickness,
                          d.thickStep,
                          double(d.thickLayers),
                          d.mu,
                          b.kahn,
                          double(b.noPolar),
                          b.dmin};
    for (const Vec3* v : {&d.pix0, &d.fdet, &d.sdet, &d.odet, &d.beamDirection, &b.polarAxis})
        k.insert(k.end(), v->data(), v->data() + 3);
    for (const Source& s : b.sources)
        k.insert(k.end(), {s.incident[0], s.incident[1], s.incident[2], s.lambda});
    const PixelSelection& sel = e.selection;
    k.insert(k.end(), {double(sel.xmin), double(sel.xmax), double(sel.ymin), double(sel.ymax)});
    // The mask enters as a 64-bit FNV-1a hash plus its size, not pixel by pixel: the key is
    // built on every render and a full copy would cost more than a warm render.
    std::uint64_t hash = 1469598103934665603ull;
    for (std::uint16_t v : sel.mask) hash = (hash ^ v) * 1099511628211ull;
    k.insert(k.end(), {double(sel.mask.size()), double(hash >> 32), double(hash & 0xffffffffu)});
    return k;
}

}  // namespace

double pixelEndFactor(const Experiment& e, int fast, int slow) {
    const DetectorModel& d = e.detector;
    const BeamModel& beam = e.beam;
    double polar = beam.noPolar ? 1.0 : 0.0, omega = 0.0, cap = 1.0;
    for (int layer = 0; layer < d.thickLayers; ++layer) {
        cap = d.thickness == 0 ? 1.0 : 0.0;
        for (int sub = 0; sub < d.oversample * d.oversample; ++sub) {
            // Only the first sub-pixel matters unless something came out 0 (then the next one is used).
            if (omega != 0.0 && cap != 0.0 && polar != 0.0) break;
            const Vec3 P = subpixelPosition(d, fast, slow, sub / d.oversample, sub % d.oversample, layer);
            const double R = P.norm();
            const Vec3 diffracted = P / R;
            if (omega == 0.0) omega = physics::solidAngle(d.pixelSize, d.closeDistance, R, d.pointPixel);
            if (cap == 0.0) cap = physics::captureFraction(layer, d.thickStep, d.mu, diffracted.dot(d.odet));
            for (const Source& source : beam.sources) {
                if (polar != 0.0) break;
                if (cutByDminAt(e, diffracted, source)) continue;
                polar = physics::polarization(beam.kahn, source.incident, diffracted, beam.polarAxis);
            }
        }
    }
    return cap * polar * omega;
}

const double* PixelFactorCache::factorsFor(const Experiment& e, bool& hit, const SegmentFiller& fill) {
    std::vector<double> key = detectorKey(e);
    hit = factors_ && key == key_;
    if (hit) return factors_.get();
    const PixelSelection& sel = e.selection;
    const int fpixels = e.detector.fpixels, spixels = e.detector.spixels;
    const std::size_t count = std::size_t(fpixels) * spixels;
    if (count > capacity_) {
        factors_.reset();  // (free first: lower peak)
        factors_ = std::make_unique_for_overwrite<double[]>(count);
        capacity_ = count;
    }
    double* factors = factors_.get();
#pragma omp parallel for schedule(dynamic, 4)
    for (int slow = 0; slow < spixels; ++slow) {
        double* row = factors + std::size_t(slow) * fpixels;
        if (slow < sel.ymin || slow > sel.ymax) {
            std::fill(row, row + fpixels, 0.0);
            continue;
        }
        std::fill(row, row + sel.xmin, 0.0);
        std::fill(row + sel.xmax + 1, row + fpixels, 0.0);
        if (fill) {
            for (int f0 = sel.xmin; f0 <= sel.xmax; f0 += 64)
                fill(slow, f0, std::min(f0 + 64, sel.xmax + 1), row + f0);
        } else {
            for (int fast = sel.xmin; fast <= sel.xmax; ++fast) row[fast] = pixelEndFactor(e, fast, slow);
        }
    }
    key_ = std::move(key);
    return factors;
}

void PixelFactorCache::clear() {
    // Forget the contents but keep the allocation: refilling fresh pages costs more than the
    // computation on some virtual machines, and "cold" means recomputed, not re-allocated.
    key_.clear();
}

}  // namespace bragg
