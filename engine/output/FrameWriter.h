#pragma once
// The files of one frame of a series (bragg series): the seam where image formats plug in. A
// format that writes one file per frame is one row of frameFormats() (FrameWriter.cpp); a format
// that collects a whole series in one file (NeXus) implements FrameWriter itself.
#include <memory>
#include <string>
#include <vector>

#include "core/Image.h"
#include "model/Experiment.h"

namespace bragg {

class FrameWriter {
public:
    virtual ~FrameWriter() = default;
    // The files frame `index` produces, relative to the series folder (what "complete" checks).
    virtual std::vector<std::string> files(int index) const = 0;
    // Writes frame `index` of `experiment` (its header values: φ, osc, noise seed, …), each file
    // atomically.
    virtual void write(int index, const Experiment& experiment, const Image& image) const = 0;
};

// The names --format accepts, in the order of frameFormats().
std::vector<std::string> frameFormatNames();

// One file per frame and format: `dir`/`stem`<extension>, where stem is `namePattern` with its
// run of '#' replaced by the zero-padded frame index. With `noise`, also the Poisson noise image
// (SMV, "<stem>_noise.img") from the experiment's noise seed. Throws Error(Usage) for an unknown
// format or a pattern without '#'.
std::unique_ptr<FrameWriter> makeFrameWriter(const std::vector<std::string>& formats, const std::string& dir,
                                             const std::string& namePattern, bool noise);

// `namePattern` with its run of '#' replaced by `index`, zero-padded to the run's length.
std::string frameStem(const std::string& namePattern, int index);

}  // namespace bragg
