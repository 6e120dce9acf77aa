#pragma once
// The files of one frame of a series (bragg series): the seam where image formats plug in. A
// format is one row of frameFormats() (FrameWriter.cpp): written as one file per frame (SMV, raw
// float, miniCBF), or as one file for the whole series (NeXus), which each frame stages as raw
// float32 until the series file is assembled from them (cli/SeriesFiles.h).
#include <memory>
#include <string>
#include <vector>

#include "core/Image.h"
#include "model/Experiment.h"

namespace bragg {

// A frame's share of a file that holds the whole series.
struct SeriesFileFrame {
    std::string path;    // the series file, relative to the series folder ("frame.h5")
    std::string staged;  // the frame's float32 pixels until then (".series/frame_00007.h5.bin")
};

class FrameWriter {
public:
    virtual ~FrameWriter() = default;
    // The files frame `index` produces, relative to the series folder (what "complete" checks).
    virtual std::vector<std::string> files(int index) const = 0;
    // Frame `index`'s share of each series file; write() stages it.
    virtual std::vector<SeriesFileFrame> seriesFrames(int index) const = 0;
    // Writes frame `index` of `experiment` (its header values: φ, osc, noise seed, …), each file
    // atomically.
    virtual void write(int index, const Experiment& experiment, const Image& image) const = 0;
};

// The names --format accepts, in the order of frameFormats(): smv, float, cbf, nexus.
std::vector<std::string> frameFormatNames();

// Each format's files, under `dir`: per frame `stem`<extension>, where stem is `namePattern` with
// its run of '#' replaced by the zero-padded frame index; per series seriesStem(namePattern)
// <extension>. With `noise`, also the Poisson noise image (from the experiment's noise seed) in
// each format that holds counts, named by the pattern with "noise_" before its '#' (frame_#####:
// frame_noise_00007.img, frame_noise_00007.cbf, frame_noise.h5), or SMV when only float is asked.
// Throws Error(Usage) for an unknown format or a pattern without '#'.
std::unique_ptr<FrameWriter> makeFrameWriter(const std::vector<std::string>& formats, const std::string& dir,
                                             const std::string& namePattern, bool noise);

// `namePattern` with its run of '#' replaced by `index`, zero-padded to the run's length.
std::string frameStem(const std::string& namePattern, int index);

// `namePattern` without its run of '#' and the separator ('_', '-', '.') beside it, the name of a
// file that holds every frame: "frame_#####" → "frame", "####" → "series".
std::string seriesStem(const std::string& namePattern);

}  // namespace bragg
