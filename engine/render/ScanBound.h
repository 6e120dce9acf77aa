#pragma once
// A cheap, conservative shortcut for the sticky-interpolation scan (SequentialFacts): bounds the
// fractional Miller indices of every evaluation of a row segment (all sub-pixels, layers, sources
// and orientations) by interval arithmetic over the segment's box of sample-to-pixel vectors.
// When the bounds lie inside the interpolation range no evaluation can switch interpolation off,
// and the exact per-pixel scan of that segment is skipped. When they do not, nothing is
// concluded: the exact scan runs. So the facts found are the exact scan's, only sooner.
#include <vector>

#include "model/Experiment.h"

namespace bragg {

class ScanBound {
public:
    // `tables`: every orientation table the run's φ loops can use (later, and first if it differs).
    ScanBound(const Experiment& e, const std::vector<const std::vector<Vec3>*>& aTables,
              const std::vector<const std::vector<Vec3>*>& bTables,
              const std::vector<const std::vector<Vec3>*>& cTables);

    // True only if every evaluation of pixels [f0, f1) of row `slow` is provably in range.
    bool surelyInRange(int slow, int f0, int f1) const;

private:
    struct Axis {  // one real-space vector v (a, b or c of one orientation) projected once
        double onPix0, onFdet, onSdet, onOdet;
        int axis;  // 0 = h, 1 = k, 2 = l
    };
    const Experiment* e_;
    bool usable_ = false;
    double lo_[3] = {}, hi_[3] = {};  // the interpolation range per axis
    std::vector<Axis> axes_;
    std::vector<double> incidentOverLambda_;  // per source and axis entry: (v·i)/λ
    std::vector<double> inverseLambda_;
};

}  // namespace bragg
