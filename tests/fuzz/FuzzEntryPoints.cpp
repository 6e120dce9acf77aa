#include "FuzzEntryPoints.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <system_error>
#include <vector>

#include <unistd.h>

#include "core/Error.h"
#include "io/Cbf.h"
#include "io/ColumnFile.h"
#include "io/HklFile.h"
#include "io/MatrixFile.h"
#include "io/Nexus.h"
#include "io/Npy.h"
#include "io/Smv.h"
#include "io/Tiff.h"
#include "params/Derive.h"
#include "params/FlagParser.h"

namespace bragg::fuzz {

namespace {

// A broken invariant of a successful parse: report it the way a crash is reported.
void require(bool condition, const char* what) {
    if (condition) return;
    std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
    std::abort();
}

std::string_view asText(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

std::string rejection;  // message of the last bragg::Error

// Runs `body`; bragg::Error is the accepted way to refuse an input, anything else escapes.
template <class Body>
Outcome guarded(Body&& body) {
    try {
        body();
        return Outcome::Accepted;
    } catch (const bragg::Error& e) {
        rejection = e.what();
        return Outcome::Rejected;
    }
}

// ---- the flag target's fixture files ------------------------------------------------------------

std::string smvFixture(bool mask) {
    io::SmvHeaderFields f;
    f.fpixels = f.spixels = 8;
    f.pixelMm = 0.1;
    f.distanceMm = f.closeDistanceMm = 100;
    f.wavelengthA = 1;
    f.beamCenterXMm = f.beamCenterYMm = f.fbeamMm = f.sbeamMm = 0.4;
    f.detsizeSMm = 0.8;
    std::string bytes = io::formatSmvHeader(f);
    for (int i = 0; i < 64; ++i) {
        const int value = mask ? (i % 3 != 0) : 40 + i;
        bytes += char(value & 0xff);
        bytes += char(value >> 8);
    }
    return bytes;
}

std::filesystem::path fixtureDir;

void removeFixtureDir() {
    std::error_code ignored;
    if (!fixtureDir.empty()) std::filesystem::remove_all(fixtureDir, ignored);
}

void makeFixtureDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "bragg-fuzz-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) {
        std::perror("bragg fuzz: mkdtemp");
        std::abort();
    }
    fixtureDir = pattern;
    std::atexit(removeFixtureDir);
    const std::pair<const char*, std::string> files[] = {
        {"P1.hkl", "0 0 0 10\n1 0 0 5\n0 1 0 4\n0 0 1 3\n-1 -1 -1 2.5\n"},
        {"A.mat",
         "  0.0145847357  -0.0130094098  -0.0023776803\n"
         "  0.0109382372   0.0123624543  -0.0074843326\n"
         "  0.0125886437   0.0043305178   0.0142228953\n"},
        {"src.txt", "-10 0 0 1 1e-10\n-10 0.01 0 0.5\n"},
        {"stol.txt", "0 2.5\n0.1 3\n0.2 1.5\n"},
        {"img.img", smvFixture(false)},
        {"mask.img", smvFixture(true)},
    };
    for (const auto& [name, bytes] : files) {
        std::ofstream out(fixtureDir / name, std::ios::binary);
        out << bytes;
        require(bool(out), "writing a fixture file");
    }
}

// The flag target runs inside the fixture directory, so the file names it sees are relative to it.
// Only for the duration of one input: libFuzzer itself resolves corpus paths against the real
// working directory (crash files too, unless -artifact_prefix is absolute).
class InFixtureDir {
public:
    InFixtureDir() : previous_(std::filesystem::current_path()) { std::filesystem::current_path(fixtureDir); }
    ~InFixtureDir() { std::filesystem::current_path(previous_); }
    InFixtureDir(const InFixtureDir&) = delete;
    InFixtureDir& operator=(const InFixtureDir&) = delete;

private:
    std::filesystem::path previous_;
};

}  // namespace

void setUpFuzzing() {
    static bool done = false;
    if (done) return;
    done = true;
    ::setenv("BRAGG_MEMORY_LIMIT_MB", "64", 0);
    makeFixtureDir();
}

Outcome feedHkl(const std::uint8_t* data, std::size_t size) {
    return guarded([&] {
        const io::HklTable t = io::parseHkl("fuzz.hkl", asText(data, size), 1.5);
        require(t.hRange() > 0 && t.kRange() > 0 && t.lRange() > 0, "HKL table has an empty range");
        require(t.F.size() == std::size_t(t.hRange()) * std::size_t(t.kRange()) * std::size_t(t.lRange()),
                "HKL table size matches its ranges");
        volatile double corners = t.at(t.hmin, t.kmin, t.lmin) + t.at(t.hmax, t.kmax, t.lmax);
        (void)corners;  // both ends of the table are addressable
    });
}

Outcome feedMatrix(const std::uint8_t* data, std::size_t size) {
    return guarded([&] {
        for (double v : io::parseMosflmMatrix("fuzz.mat", asText(data, size)))
            require(std::isfinite(v), "matrix elements are finite");
    });
}

Outcome feedColumns(const std::uint8_t* data, std::size_t size) {
    return guarded([&] {
        for (int columns : {5, 2}) {
            const std::vector<io::ColumnRecord> records =
                io::parseColumns("fuzz.txt", asText(data, size), columns);
            require(!records.empty(), "a column file has records");
            for (const io::ColumnRecord& r : records)
                require(r.size() == std::size_t(columns), "every record has `columns` entries");
        }
    });
}

Outcome feedSmv(const std::uint8_t* data, std::size_t size) {
    return guarded([&] {
        const io::SmvFile header = io::parseSmv("fuzz.img", asText(data, size), false);
        require(header.width > 0 && header.height > 0 && header.pixels.empty(), "SMV header-only read");
        (void)header.value("PIXEL_SIZE");
        const io::SmvFile full = io::parseSmv("fuzz.img", asText(data, size), true);
        require(full.width == header.width && full.height == header.height, "SMV size is read the same way");
        require(full.pixels.size() == std::size_t(full.width) * std::size_t(full.height), "SMV pixel count");
    });
}

Outcome feedNpy(const std::uint8_t* data, std::size_t size) {
    return guarded([&] {
        const io::NpyImage npy = io::parseNpyImage("fuzz.npy", asText(data, size));
        require(npy.image.fpixels > 0 && npy.image.spixels > 0, "an .npy image has a size");
        require(npy.image.pixels.size() == std::size_t(npy.image.fpixels) * std::size_t(npy.image.spixels),
                ".npy pixel count");
    });
}

namespace {

// The input as a file of the scratch directory, for readers that open a path.
std::string inputFile(const char* name, const std::uint8_t* data, std::size_t size) {
    const std::string path = (fixtureDir / name).string();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
    require(bool(out), "writing the fuzz input file");
    return path;
}

void requireImage(const Image& image, const char* what) {
    require(image.fpixels > 0 && image.spixels > 0, what);
    require(image.pixels.size() == std::size_t(image.fpixels) * std::size_t(image.spixels), what);
}

}  // namespace

Outcome feedTiff(const std::uint8_t* data, std::size_t size) {
    const std::string path = inputFile("fuzz.tif", data, size);
    return guarded([&] { requireImage(io::readTiffImage(path), "a TIFF image has its pixels"); });
}

Outcome feedCbf(const std::uint8_t* data, std::size_t size) {
    const std::string path = inputFile("fuzz.cbf", data, size);
    return guarded([&] {
        const io::MiniCbfFile cbf = io::readMiniCbf(path);
        require(cbf.width > 0 && cbf.height > 0 &&
                    cbf.pixels.size() == std::size_t(cbf.width) * std::size_t(cbf.height),
                "a miniCBF image has its pixels");
    });
}

Outcome feedNexus(const std::uint8_t* data, std::size_t size) {
    const std::string path = inputFile("fuzz.h5", data, size);
    return guarded([&] {
        const io::NexusFrame frame = io::readNexusFrame(path);
        requireImage(frame.image, "a NeXus frame has its pixels");
        require(frame.frames >= 1, "a NeXus dataset has frames");
    });
}

Outcome feedFlags(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> args;
    std::string_view text = asText(data, size);
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t end = std::min(text.find_first_of(" \t\n", i), text.size());
        if (end > i) args.emplace_back(text.substr(i, end - i));
        i = end + 1;
    }
    // File names stay inside the fixture directory (the file readers have their own targets).
    for (const std::string& arg : args)
        if (arg.find('/') != std::string::npos) return Outcome::Skipped;
    InFixtureDir inFixtureDir;
    return guarded([&] {
        const ParsedFlags parsed = parseNanoBraggFlags(args);
        (void)toNanoBraggFlags(parsed.params);
        const Experiment e = deriveExperiment(parsed.params, 0);
        require(e.detector.fpixels > 0 && e.detector.spixels > 0, "derived detector has pixels");
    });
}

const std::string& lastRejection() { return rejection; }

FeedFunction feedFunction(const std::string& target) {
    if (target == "hkl") return feedHkl;
    if (target == "matrix") return feedMatrix;
    if (target == "columns") return feedColumns;
    if (target == "smv") return feedSmv;
    if (target == "npy") return feedNpy;
    if (target == "tiff") return feedTiff;
    if (target == "cbf") return feedCbf;
    if (target == "nexus") return feedNexus;
    if (target == "flags") return feedFlags;
    return nullptr;
}

}  // namespace bragg::fuzz
