#pragma once
// NeXus NXmx files (HDF5 C library): what Eiger detectors write and DIALS, XDS (via plugins) and
// CrystFEL read. Images are one float32 dataset [frames, slow, fast] chunked per frame; the
// geometry is stated in the McStas frame (z along the beam, y up) as NXtransformations: the
// detector module's origin (module_offset) and its fast and slow pixel directions as vectors,
// so any detector orientation is exact; the sample's φ axis is the scan rotation.
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/Image.h"

namespace bragg::io {

using McStasVec = std::array<double, 3>;

// Geometry and scan of an NXmx file, McStas frame, in the file's units (mm, Å, deg, s).
struct NexusGeometry {
    int fpixels = 0, spixels = 0;
    double pixelSizeMm = 0;
    McStasVec originMm{0, 0, 0};  // sample → outer corner of pixel (0,0)
    McStasVec fastAxis{-1, 0, 0}, slowAxis{0, -1, 0};
    double distanceMm = 0;  // along the detector normal
    double wavelengthA = 1;
    double sensorThicknessMm = 0;  // sensor_material "Silicon"
    double frameTimeS = 1;
    double saturation = 3.4e38;                   // saturation_value (counts above are not trusted)
    McStasVec phiAxis{-1, 0, 0};                  // the sample's rotation axis
    double phiStartDeg = 0, phiIncrementDeg = 0;  // frame i covers start + i·inc … + inc
    std::vector<double> phiStartsDeg;             // a series' own frame starts (empty: as above)
};

enum class NexusCompression { None, Deflate, BitshuffleLz4 };

// The -nexus_compression values, the one list of their names: "deflate|bslz4|none".
std::string nexusCompressionChoices();
// The compression of that name, if it is one.
std::optional<NexusCompression> findNexusCompression(const std::string& name);
// The compression of that name; Error(Usage) naming -nexus_compression otherwise.
NexusCompression nexusCompressionNamed(const std::string& name);

// An NXmx file of `frames` images being written: metadata and the (empty) image dataset are
// created at once, frames are written in any order, finish() publishes the file atomically.
// Other threads' HDF5 calls wait until it is destroyed; this thread may read other files.
// Destroyed unfinished, the temporary file is removed. bitshuffle/LZ4 needs HDF5 filter 32008
// (a plugin on HDF5_PLUGIN_PATH); if it is not available the constructor throws Error(Input)
// saying so.
class NexusWriter {
public:
    NexusWriter(const std::string& path, const NexusGeometry& geometry, int frames,
                NexusCompression compression = NexusCompression::Deflate);
    ~NexusWriter();
    NexusWriter(const NexusWriter&) = delete;
    NexusWriter& operator=(const NexusWriter&) = delete;

    void writeFrame(int index, const Image& image);  // image size must match the geometry
    void finish();

private:
    struct State;
    std::unique_ptr<State> state_;
};

// One frame in one file.
void writeNexusImage(const std::string& path, const NexusGeometry& geometry, const Image& image,
                     NexusCompression compression = NexusCompression::Deflate);

struct NexusFrame {
    Image image;
    int frames = 0;                         // in the dataset
    std::optional<NexusGeometry> geometry;  // when the file has NXmx detector fields
};

// Frame `frame` of the dataset `dataset` (rank 3 [frames, slow, fast], or rank 2 = one frame),
// any numeric type, converted to float. Throws Error(Input) naming `path` and the problem (not
// HDF5, no such dataset, frame out of range, a filter that is not available, not numeric,
// unreadable data); Error(Resource) beyond the memory budget.
NexusFrame readNexusFrame(const std::string& path, const std::string& dataset = "/entry/data/data",
                          int frame = 0);

}  // namespace bragg::io
