#include "io/Nexus.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <vector>

#include <hdf5.h>

#include "core/Error.h"
#include "core/UtcTime.h"
#include "core/MemoryGuard.h"
#include "io/AtomicFile.h"

namespace bragg::io {
namespace {

constexpr H5Z_filter_t kBitshuffleFilter = 32008;
constexpr unsigned kBitshuffleLz4 = 2;  // the filter's cd_values[4]: LZ4 after bitshuffle

// The serial HDF5 library is not thread-safe; every call into it holds this lock. Recursive: a
// thread writing a file (NexusWriter holds the lock) may read another (a series' assembly).
std::recursive_mutex& hdf5Mutex() {
    static std::recursive_mutex m;
    return m;
}

// Owns one HDF5 identifier and closes it with the matching function.
class Id {
public:
    Id() = default;
    Id(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
    ~Id() { reset(); }
    Id(Id&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = -1; }
    Id& operator=(Id&& o) noexcept {
        if (this != &o) {
            reset();
            id_ = o.id_, close_ = o.close_;
            o.id_ = -1;
        }
        return *this;
    }
    hid_t get() const { return id_; }
    bool valid() const { return id_ >= 0; }
    void reset() {
        if (id_ >= 0 && close_) close_(id_);
        id_ = -1;
    }

private:
    hid_t id_ = -1;
    herr_t (*close_)(hid_t) = nullptr;
};

// A failure in writing names the file; HDF5's own error stack is silenced (H5Eset_auto2).
class Writer {
public:
    explicit Writer(std::string path) : path_(std::move(path)) {}
    [[noreturn]] void fail(const std::string& what) const {
        throw inputError(path_ + ": cannot write: " + what);
    }
    Id check(hid_t id, herr_t (*close)(hid_t), const char* what) const {
        if (id < 0) fail(what);
        return Id(id, close);
    }
    void check(herr_t status, const char* what) const {
        if (status < 0) fail(what);
    }

    Id group(hid_t parent, const char* name, const char* nxClass) const {
        Id g = check(H5Gcreate2(parent, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, name);
        attribute(g.get(), "NX_class", nxClass);
        return g;
    }

    void attribute(hid_t object, const char* name, const std::string& value) const {
        Id type = stringType();
        Id space = check(H5Screate(H5S_SCALAR), H5Sclose, name);
        Id attr = check(H5Acreate2(object, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                        name);
        const char* text = value.c_str();
        check(H5Awrite(attr.get(), type.get(), &text), name);
    }

    void attribute(hid_t object, const char* name, const McStasVec& v) const {
        const hsize_t n = 3;
        Id space = check(H5Screate_simple(1, &n, nullptr), H5Sclose, name);
        Id attr = check(H5Acreate2(object, name, H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                        H5Aclose, name);
        check(H5Awrite(attr.get(), H5T_NATIVE_DOUBLE, v.data()), name);
    }

    void text(hid_t parent, const char* name, const std::string& value) const {
        Id type = stringType();
        Id space = check(H5Screate(H5S_SCALAR), H5Sclose, name);
        Id d = check(H5Dcreate2(parent, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                     H5Dclose, name);
        const char* chars = value.c_str();
        check(H5Dwrite(d.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &chars), name);
    }

    // A float64 scalar or vector dataset with a units attribute.
    Id numbers(hid_t parent, const char* name, const std::vector<double>& values, const char* units,
               bool scalar = true) const {
        const hsize_t n = values.size();
        Id space = check(scalar && n == 1 ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &n, nullptr),
                         H5Sclose, name);
        Id d = check(
            H5Dcreate2(parent, name, H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
            H5Dclose, name);
        check(H5Dwrite(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), name);
        if (units) attribute(d.get(), "units", units);
        return d;
    }

    void integers(hid_t parent, const char* name, const std::vector<long long>& values) const {
        const hsize_t n = values.size();
        Id space = check(H5Screate_simple(1, &n, nullptr), H5Sclose, name);
        Id d =
            check(H5Dcreate2(parent, name, H5T_STD_I64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                  H5Dclose, name);
        check(H5Dwrite(d.get(), H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), name);
    }

    // An NXtransformations axis: values, its type, direction, offset and what it depends on.
    void axis(hid_t parent, const char* name, const std::vector<double>& values, const char* units,
              const char* type, const McStasVec& vector, const std::string& dependsOn,
              bool scalar = true) const {
        Id d = numbers(parent, name, values, units, scalar);
        attribute(d.get(), "transformation_type", type);
        attribute(d.get(), "vector", vector);
        attribute(d.get(), "offset", McStasVec{0, 0, 0});
        attribute(d.get(), "offset_units", "mm");
        attribute(d.get(), "depends_on", dependsOn);
    }

private:
    // Variable-length UTF-8, as h5py writes strings.
    Id stringType() const {
        Id type = check(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
        check(H5Tset_size(type.get(), H5T_VARIABLE), "string type");
        check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "string type");
        return type;
    }
    std::string path_;
};

double norm(const McStasVec& v) { return std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]); }

void writeMetadata(const Writer& w, hid_t file, const NexusGeometry& g, int frames) {
    Id entry = w.group(file, "entry", "NXentry");
    w.text(entry.get(), "definition", "NXmx");
    w.text(entry.get(), "start_time", utcNow("%Y-%m-%dT%H:%M:%SZ"));
    Id instrument = w.group(entry.get(), "instrument", "NXinstrument");
    w.text(instrument.get(), "name", "BraggStudio (nanoBragg physics)");
    Id beam = w.group(instrument.get(), "beam", "NXbeam");
    w.numbers(beam.get(), "incident_wavelength", {g.wavelengthA}, "angstrom");

    Id detector = w.group(instrument.get(), "detector", "NXdetector");
    w.text(detector.get(), "description", "simulated flat detector");
    w.text(detector.get(), "depends_on", "/entry/instrument/detector/module/module_offset");
    w.numbers(detector.get(), "distance", {g.distanceMm}, "mm");
    w.text(detector.get(), "sensor_material", "Silicon");
    w.numbers(detector.get(), "sensor_thickness", {g.sensorThicknessMm}, "mm");
    w.numbers(detector.get(), "count_time", {g.frameTimeS}, "s");
    w.numbers(detector.get(), "frame_time", {g.frameTimeS}, "s");
    w.numbers(detector.get(), "saturation_value", {g.saturation}, nullptr);
    w.numbers(detector.get(), "underload_value", {-1}, nullptr);
    Id transformations = w.group(detector.get(), "transformations", "NXtransformations");

    // The module: its corner pixel's outer corner as one translation from the sample, the pixel
    // directions as translations of one pixel size each from there.
    Id module = w.group(detector.get(), "module", "NXdetector_module");
    w.integers(module.get(), "data_origin", {0, 0});
    w.integers(module.get(), "data_size", {g.spixels, g.fpixels});
    w.integers(module.get(), "data_stride", {1, 1});
    const double offsetMm = norm(g.originMm);
    const McStasVec offsetDir =
        offsetMm > 0 ? McStasVec{g.originMm[0] / offsetMm, g.originMm[1] / offsetMm, g.originMm[2] / offsetMm}
                     : McStasVec{0, 0, 1};
    w.axis(module.get(), "module_offset", {offsetMm}, "mm", "translation", offsetDir, ".");
    const std::string offsetPath = "/entry/instrument/detector/module/module_offset";
    w.axis(module.get(), "fast_pixel_direction", {g.pixelSizeMm}, "mm", "translation", g.fastAxis,
           offsetPath);
    w.axis(module.get(), "slow_pixel_direction", {g.pixelSizeMm}, "mm", "translation", g.slowAxis,
           offsetPath);

    Id sample = w.group(entry.get(), "sample", "NXsample");
    w.text(sample.get(), "depends_on", "/entry/sample/transformations/phi");
    Id sampleAxes = w.group(sample.get(), "transformations", "NXtransformations");
    std::vector<double> start(static_cast<std::size_t>(frames)), end(start.size());
    for (int i = 0; i < frames; ++i) {
        start[std::size_t(i)] = g.phiStartsDeg.size() == start.size() ? g.phiStartsDeg[std::size_t(i)]
                                                                      : g.phiStartDeg + i * g.phiIncrementDeg;
        end[std::size_t(i)] = start[std::size_t(i)] + g.phiIncrementDeg;
    }
    w.axis(sampleAxes.get(), "phi", start, "deg", "rotation", g.phiAxis, ".", false);
    w.numbers(sampleAxes.get(), "phi_end", end, "deg", false);
    w.numbers(sampleAxes.get(), "phi_increment_set", {g.phiIncrementDeg}, "deg");
}

}  // namespace

namespace {

struct NamedCompression {
    const char* name;
    NexusCompression compression;
};
constexpr NamedCompression kCompressions[] = {{"deflate", NexusCompression::Deflate},
                                              {"bslz4", NexusCompression::BitshuffleLz4},
                                              {"none", NexusCompression::None}};

}  // namespace

std::string nexusCompressionChoices() {
    std::string choices;
    for (const NamedCompression& c : kCompressions) {
        if (!choices.empty()) choices += '|';
        choices += c.name;
    }
    return choices;
}

std::optional<NexusCompression> findNexusCompression(const std::string& name) {
    for (const NamedCompression& c : kCompressions)
        if (name == c.name) return c.compression;
    return std::nullopt;
}

NexusCompression nexusCompressionNamed(const std::string& name) {
    if (const auto c = findNexusCompression(name)) return *c;
    throw usageError("-nexus_compression: expected one of " + nexusCompressionChoices() + ", got '" + name +
                     "'");
}

struct NexusWriter::State {
    std::unique_lock<std::recursive_mutex> lock{hdf5Mutex()};  // first: released after the file is closed
    std::string path;
    NexusGeometry geometry;
    int frames = 0;
    PendingFile pending;
    Id file, data;
    State(const std::string& p, const NexusGeometry& g, int n)
        : path(p), geometry(g), frames(n), pending(p) {}
};

NexusWriter::NexusWriter(const std::string& path, const NexusGeometry& g, int frames,
                         NexusCompression compression)
    : state_(std::make_unique<State>(path, g, frames)) {
    const Writer w(path);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    if (frames < 1 || g.fpixels < 1 || g.spixels < 1) w.fail("no frames or no pixels");
    if (compression == NexusCompression::BitshuffleLz4 && H5Zfilter_avail(kBitshuffleFilter) <= 0)
        throw inputError(path +
                         ": bitshuffle/LZ4 needs HDF5 filter 32008, which is not available (install "
                         "its plugin, e.g. Debian's bitshuffle, and set HDF5_PLUGIN_PATH)");
    state_->file =
        w.check(H5Fcreate(state_->pending.tempPath().c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                H5Fclose, "HDF5 file");
    writeMetadata(w, state_->file.get(), g, frames);

    Id entry = w.check(H5Gopen2(state_->file.get(), "/entry", H5P_DEFAULT), H5Gclose, "/entry");
    Id data = w.group(entry.get(), "data", "NXdata");
    w.attribute(data.get(), "signal", "data");
    const hsize_t dims[3] = {hsize_t(frames), hsize_t(g.spixels), hsize_t(g.fpixels)};
    const hsize_t chunk[3] = {1, hsize_t(g.spixels), hsize_t(g.fpixels)};
    Id space = w.check(H5Screate_simple(3, dims, nullptr), H5Sclose, "data space");
    Id dcpl = w.check(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "data properties");
    w.check(H5Pset_chunk(dcpl.get(), 3, chunk), "chunks");
    if (compression == NexusCompression::Deflate) {
        w.check(H5Pset_shuffle(dcpl.get()), "shuffle");
        w.check(H5Pset_deflate(dcpl.get(), 4), "deflate");
    } else if (compression == NexusCompression::BitshuffleLz4) {
        const unsigned values[5] = {0, 0, 0, 0, kBitshuffleLz4};  // block size 0 = the filter's default
        w.check(H5Pset_filter(dcpl.get(), kBitshuffleFilter, H5Z_FLAG_MANDATORY, 5, values),
                "bitshuffle filter");
    }
    state_->data = w.check(
        H5Dcreate2(data.get(), "data", H5T_IEEE_F32LE, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
        H5Dclose, "/entry/data/data");
}

NexusWriter::~NexusWriter() = default;

void NexusWriter::writeFrame(int index, const Image& image) {
    State& s = *state_;
    const Writer w(s.path);
    if (index < 0 || index >= s.frames)
        w.fail("frame " + std::to_string(index) + " is outside 0.." + std::to_string(s.frames - 1));
    if (image.fpixels != s.geometry.fpixels || image.spixels != s.geometry.spixels)
        w.fail("frame size does not match the detector");
    const hsize_t start[3] = {hsize_t(index), 0, 0};
    const hsize_t count[3] = {1, hsize_t(image.spixels), hsize_t(image.fpixels)};
    Id fileSpace = w.check(H5Dget_space(s.data.get()), H5Sclose, "data space");
    w.check(H5Sselect_hyperslab(fileSpace.get(), H5S_SELECT_SET, start, nullptr, count, nullptr), "frame");
    Id memory = w.check(H5Screate_simple(3, count, nullptr), H5Sclose, "frame");
    w.check(H5Dwrite(s.data.get(), H5T_NATIVE_FLOAT, memory.get(), fileSpace.get(), H5P_DEFAULT,
                     image.pixels.data()),
            "frame data");
}

void NexusWriter::finish() {
    State& s = *state_;
    s.data.reset();
    const herr_t closed = H5Fclose(s.file.get());
    s.file = Id();
    if (closed < 0) Writer(s.path).fail("closing the HDF5 file");
    s.pending.publish();
}

void writeNexusImage(const std::string& path, const NexusGeometry& geometry, const Image& image,
                     NexusCompression compression) {
    NexusWriter writer(path, geometry, 1, compression);
    writer.writeFrame(0, image);
    writer.finish();
}

// ---- reading ---------------------------------------------------------------------------------

namespace {

class Reader {
public:
    explicit Reader(std::string path) : path_(std::move(path)) {}
    [[noreturn]] void fail(const std::string& what) const { throw inputError(path_ + ": " + what); }

    // nullopt when absent or not a number.
    std::optional<double> number(hid_t file, const std::string& name, std::size_t index = 0) const {
        if (H5Lexists(file, name.c_str(), H5P_DEFAULT) <= 0) return std::nullopt;
        Id d(H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose);
        if (!d.valid()) return std::nullopt;
        Id space(H5Dget_space(d.get()), H5Sclose);
        const hssize_t n = H5Sget_simple_extent_npoints(space.get());
        if (n <= 0 || std::size_t(n) <= index || n > 1000000) return std::nullopt;
        std::vector<double> values(static_cast<std::size_t>(n));
        if (H5Dread(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
            return std::nullopt;
        return values[index];
    }

    std::optional<McStasVec> vectorAttribute(hid_t file, const std::string& name) const {
        if (H5Lexists(file, name.c_str(), H5P_DEFAULT) <= 0) return std::nullopt;
        Id d(H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose);
        if (!d.valid() || H5Aexists(d.get(), "vector") <= 0) return std::nullopt;
        Id a(H5Aopen(d.get(), "vector", H5P_DEFAULT), H5Aclose);
        Id space(H5Aget_space(a.get()), H5Sclose);
        if (H5Sget_simple_extent_npoints(space.get()) != 3) return std::nullopt;
        McStasVec v{};
        if (H5Aread(a.get(), H5T_NATIVE_DOUBLE, v.data()) < 0) return std::nullopt;
        return v;
    }

    // The geometry written by NexusWriter (the module as one offset and two pixel directions), with
    // frame `frame`'s φ start.
    std::optional<NexusGeometry> geometry(hid_t file, int frame) const {
        const std::string module = "/entry/instrument/detector/module/";
        const auto offset = number(file, module + "module_offset");
        const auto offsetDir = vectorAttribute(file, module + "module_offset");
        const auto pixel = number(file, module + "fast_pixel_direction");
        const auto fast = vectorAttribute(file, module + "fast_pixel_direction");
        const auto slow = vectorAttribute(file, module + "slow_pixel_direction");
        const auto sizeSlow = number(file, module + "data_size", 0);
        const auto sizeFast = number(file, module + "data_size", 1);
        if (!offset || !offsetDir || !pixel || !fast || !slow || !sizeSlow || !sizeFast) return std::nullopt;
        NexusGeometry g;
        g.fpixels = int(*sizeFast);
        g.spixels = int(*sizeSlow);
        g.pixelSizeMm = *pixel;
        for (int i = 0; i < 3; ++i) g.originMm[std::size_t(i)] = *offset * (*offsetDir)[std::size_t(i)];
        g.fastAxis = *fast;
        g.slowAxis = *slow;
        g.distanceMm = number(file, "/entry/instrument/detector/distance").value_or(0);
        g.wavelengthA = number(file, "/entry/instrument/beam/incident_wavelength").value_or(0);
        g.sensorThicknessMm = number(file, "/entry/instrument/detector/sensor_thickness").value_or(0);
        g.frameTimeS = number(file, "/entry/instrument/detector/frame_time").value_or(0);
        g.saturation = number(file, "/entry/instrument/detector/saturation_value").value_or(0);
        g.phiAxis = vectorAttribute(file, "/entry/sample/transformations/phi").value_or(McStasVec{-1, 0, 0});
        g.phiStartDeg = number(file, "/entry/sample/transformations/phi", std::size_t(frame)).value_or(0);
        g.phiIncrementDeg = number(file, "/entry/sample/transformations/phi_increment_set").value_or(0);
        return g;
    }

    // Every filter of the dataset must be available, else name the first one missing.
    // HDF5 1.10 trusts stored sizes when it copies raw data (fuzzing found it reading past its
    // buffers): a compact layout's bytes must cover the shape, and a chunk may not be larger than
    // one frame (a chunk whose data decompress to less than its declared size is over-read).
    void checkStorage(hid_t dataset, const std::string& name, int rank, const hsize_t* dims,
                      hsize_t elementBytes) const {
        Id dcpl(H5Dget_create_plist(dataset), H5Pclose);
        const H5D_layout_t layout = H5Pget_layout(dcpl.get());
        if (layout == H5D_COMPACT) {
            const hsize_t needed = dims[0] * dims[1] * dims[2] * elementBytes;
            const hsize_t stored = H5Dget_storage_size(dataset);
            if (stored < needed)
                fail(name + " stores " + std::to_string(stored) +
                     " bytes in its compact layout, its shape needs " + std::to_string(needed) +
                     " (damaged)");
        }
        if (layout == H5D_CHUNKED) {
            hsize_t chunk[3] = {1, 1, 1};
            if (H5Pget_chunk(dcpl.get(), rank, rank == 3 ? chunk : chunk + 1) != rank)
                fail(name + " has an unreadable chunk layout (damaged)");
            if (chunk[1] > dims[1] || chunk[2] > dims[2])
                fail(name + " has chunks of " + std::to_string(chunk[1]) + "x" + std::to_string(chunk[2]) +
                     " pixels, larger than its " + std::to_string(dims[1]) + "x" + std::to_string(dims[2]) +
                     " image (damaged or not an image series)");
        }
    }

    void checkFilters(hid_t dataset, const std::string& name) const {
        Id dcpl(H5Dget_create_plist(dataset), H5Pclose);
        const int count = H5Pget_nfilters(dcpl.get());
        for (int i = 0; i < count; ++i) {
            unsigned flags = 0, config = 0;
            std::size_t nValues = 0;
            char filterName[128] = {0};
            const H5Z_filter_t id = H5Pget_filter2(dcpl.get(), unsigned(i), &flags, &nValues, nullptr,
                                                   sizeof filterName, filterName, &config);
            if (H5Zfilter_avail(id) <= 0)
                fail(name + " needs HDF5 filter " + std::to_string(id) +
                     (filterName[0] ? " (" + std::string(filterName) + ")" : "") +
                     ", which is not available (install its plugin and set HDF5_PLUGIN_PATH)");
        }
    }

private:
    std::string path_;
};

}  // namespace

NexusFrame readNexusFrame(const std::string& path, const std::string& dataset, int frame) {
    std::lock_guard<std::recursive_mutex> lock(hdf5Mutex());
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    const Reader r(path);
    if (H5Fis_hdf5(path.c_str()) <= 0) r.fail("not an HDF5 file");
    Id file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    if (!file.valid()) r.fail("cannot open the HDF5 file (truncated or damaged)");
    if (dataset.empty() || dataset[0] != '/') r.fail("dataset path '" + dataset + "' must start with '/'");
    // H5Lexists needs every intermediate group to exist: test each prefix.
    for (std::size_t at = dataset.find('/', 1);; at = dataset.find('/', at + 1)) {
        const std::string prefix = dataset.substr(0, at);
        if (H5Lexists(file.get(), prefix.c_str(), H5P_DEFAULT) <= 0) r.fail("no dataset " + dataset);
        if (at == std::string::npos) break;
    }
    Id data(H5Dopen2(file.get(), dataset.c_str(), H5P_DEFAULT), H5Dclose);
    if (!data.valid()) r.fail(dataset + " is not a dataset");
    Id type(H5Dget_type(data.get()), H5Tclose);
    const H5T_class_t typeClass = H5Tget_class(type.get());
    if (typeClass != H5T_INTEGER && typeClass != H5T_FLOAT)
        r.fail(dataset + " has an unsupported element type (not integer or floating point)");
    Id space(H5Dget_space(data.get()), H5Sclose);
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank != 2 && rank != 3)
        r.fail(dataset + " has rank " + std::to_string(rank) +
               " (expected [frames, slow, fast] or [slow, fast])");
    hsize_t dims[3] = {1, 1, 1};
    H5Sget_simple_extent_dims(space.get(), rank == 3 ? dims : dims + 1, nullptr);
    if (frame < 0 || hsize_t(frame) >= dims[0])
        r.fail("frame " + std::to_string(frame) + " is outside " + dataset + "'s " + std::to_string(dims[0]) +
               " frames");
    if (dims[1] == 0 || dims[2] == 0 || dims[1] > 1000000 || dims[2] > 1000000)
        r.fail(dataset + " has no usable image size");
    r.checkFilters(data.get(), dataset);
    r.checkStorage(data.get(), dataset, rank, dims, H5Tget_size(type.get()));
    checkMemoryFor(static_cast<long long>(dims[2]), static_cast<long long>(dims[1]));
    NexusFrame out;
    out.frames = int(dims[0]);
    out.image = Image(int(dims[2]), int(dims[1]));
    const hsize_t start[3] = {hsize_t(frame), 0, 0};
    const hsize_t count[3] = {1, dims[1], dims[2]};
    if (rank == 3) {
        if (H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr) < 0)
            r.fail("cannot select frame");
    }
    Id memory(H5Screate_simple(rank, rank == 3 ? count : count + 1, nullptr), H5Sclose);
    if (H5Dread(data.get(), H5T_NATIVE_FLOAT, memory.get(), space.get(), H5P_DEFAULT,
                out.image.pixels.data()) < 0)
        r.fail("cannot read frame " + std::to_string(frame) + " of " + dataset +
               " (truncated or corrupt data)");
    out.geometry = r.geometry(file.get(), frame);
    return out;
}

}  // namespace bragg::io
