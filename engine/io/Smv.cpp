#include "io/Smv.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "core/Error.h"
#include "core/MemoryGuard.h"
#include "io/AtomicFile.h"
#include "io/ByteOrder.h"
#include "io/CText.h"

namespace bragg::io {

namespace {

constexpr int kMinHeader = 512;
constexpr int kMaxHeader = 64 << 20;         // a larger HEADER_BYTES is not a real image
constexpr long long kMaxPixels = 1LL << 30;  // 2 GiB of uint16: far above any detector
constexpr std::string_view kSignature = "{\nHEADER_BYT";

// Where readSmv() takes its bytes from: a file, read piecewise (a header-only read never touches
// the pixels), or a buffer. Both return fewer bytes than asked at the end of the data and never
// allocate more than the data hold, whatever size a header claims.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    virtual std::string readAt(std::size_t offset, std::size_t count) = 0;
};

class FileSource : public ByteSource {
public:
    explicit FileSource(std::ifstream& in) : in_(in) {
        in_.seekg(0, std::ios::end);
        const std::streamoff end = in_.tellg();
        size_ = end > 0 ? std::size_t(end) : 0;
    }
    std::string readAt(std::size_t offset, std::size_t count) override {
        if (offset >= size_) return {};
        std::string buf(std::min(count, size_ - offset), '\0');
        in_.clear();
        in_.seekg(std::streamoff(offset));
        in_.read(buf.data(), std::streamsize(buf.size()));
        buf.resize(std::size_t(std::max<std::streamsize>(in_.gcount(), 0)));
        return buf;
    }

private:
    std::ifstream& in_;
    std::size_t size_ = 0;
};

class MemorySource : public ByteSource {
public:
    explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
    std::string readAt(std::size_t offset, std::size_t count) override {
        return offset >= bytes_.size() ? std::string() : std::string(bytes_.substr(offset, count));
    }

private:
    std::string_view bytes_;
};

// A header number used as a count (C stores atof() into an int: truncation toward zero).
std::optional<long long> headerCount(const SmvFile& smv, const char* key) {
    std::optional<double> v = smv.value(key);
    if (!v) return std::nullopt;
    if (!std::isfinite(*v) || std::fabs(*v) > 1e12) return -1;  // reported as unusable below
    return (long long)std::trunc(*v);
}

void resolveSize(const std::string& path, SmvFile& smv) {
    std::optional<long long> width = headerCount(smv, "SIZE1");
    std::optional<long long> height = headerCount(smv, "SIZE2");
    if (!width || *width == 0) {  // the original falls back when SIZE1 is 0 (and we when absent)
        std::optional<long long> dims = headerCount(smv, "DETECTOR_DIMENSIONS");
        if (!dims) throw inputError(path + ": SMV header has no SIZE1/SIZE2 or DETECTOR_DIMENSIONS");
        width = height = dims;
    }
    if (!height) throw inputError(path + ": SMV header has SIZE1 but no SIZE2");
    if (*width <= 0 || *height <= 0 || *width > kMaxPixels || *height > kMaxPixels ||
        *width * *height > kMaxPixels)
        throw inputError(path + ": SMV header has an unusable image size " + std::to_string(*width) + " x " +
                         std::to_string(*height));
    smv.width = int(*width);
    smv.height = int(*height);
}

}  // namespace

std::optional<double> SmvFile::value(const std::string& key) const {
    std::size_t at = headerText.rfind(key);
    if (at == std::string::npos) return std::nullopt;
    std::size_t eq = headerText.find('=', at);
    if (eq == std::string::npos) return 0.0;
    return cAtof(std::string_view(headerText).substr(eq + 1));
}

namespace {

SmvFile readSmvFrom(const std::string& path, ByteSource& source, bool withPixels) {
    SmvFile smv;
    std::string raw = source.readAt(0, kMinHeader);
    if (raw.size() < std::size_t(kMinHeader))
        throw inputError(path + ": too short for an SMV image (" + std::to_string(raw.size()) +
                         " bytes, the header alone is 512)");
    if (raw.compare(0, kSignature.size(), kSignature) != 0)
        throw inputError(path + ": not an SMV image (does not start with \"{\\nHEADER_BYTES\")");
    smv.headerText = raw.substr(0, raw.find('\0'));

    // HEADER_BYTES decides the header size; a different value means re-reading at that size.
    if (std::optional<double> hb = smv.value("HEADER_BYTES")) {
        if (!std::isfinite(*hb) || *hb < 1 || *hb > kMaxHeader)
            throw inputError(path + ": SMV header has an unusable HEADER_BYTES=" + formatG(*hb));
        smv.headerBytes = int(*hb);
    }
    if (smv.headerBytes != kMinHeader) {
        raw = source.readAt(0, std::size_t(smv.headerBytes));
        smv.headerText = raw.substr(0, raw.find('\0'));
    }
    resolveSize(path, smv);

    if (withPixels) {
        std::size_t count = std::size_t(smv.width) * std::size_t(smv.height);
        // A short file pads with zeros, so a tiny file can declare a huge image: check the
        // allocation against the memory budget first.
        if (2 * count > memoryBudgetBytes())
            throw Error(ErrorKind::Resource, path + ": SMV image " + std::to_string(smv.width) + " x " +
                                                 std::to_string(smv.height) +
                                                 " does not fit in the memory budget");
        smv.pixels.assign(count, 0);  // values beyond the end of the file read as 0
        std::string data = source.readAt(std::size_t(smv.headerBytes), 2 * count);
        for (std::size_t i = 0; 2 * i + 1 < data.size(); ++i)
            smv.pixels[i] = loadLE<std::uint16_t>(data.data() + 2 * i);
    }
    return smv;
}

}  // namespace

SmvFile readSmv(const std::string& path, bool withPixels) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw inputError(path + ": cannot open: " + std::generic_category().message(errno));
    FileSource source(in);
    return readSmvFrom(path, source, withPixels);
}

SmvFile parseSmv(const std::string& name, std::string_view bytes, bool withPixels) {
    MemorySource source(bytes);
    return readSmvFrom(name, source, withPixels);
}

namespace {

// The header items of docs/formats.md §6.1 up to and including "}\f", declaring `headerBytes`.
std::string smvHeaderItems(const SmvHeaderFields& f, int headerBytes) {
    auto g = [](double v) { return formatG(v); };
    const double halfPx = f.pixelMm / 2;
    std::string h;
    h += "{\nHEADER_BYTES=" + std::to_string(headerBytes) + ";\nDIM=2;\n";
    h += "BYTE_ORDER=little_endian;\nTYPE=unsigned_short;\n";  // always written little-endian
    h += "SIZE1=" + std::to_string(f.fpixels) + ";\nSIZE2=" + std::to_string(f.spixels) + ";\n";
    h += "PIXEL_SIZE=" + g(f.pixelMm) + ";\n";
    h += "DISTANCE=" + g(f.distanceMm) + ";\n";
    h += "WAVELENGTH=" + g(f.wavelengthA) + ";\n";
    h += "BEAM_CENTER_X=" + g(f.beamCenterXMm) + ";\nBEAM_CENTER_Y=" + g(f.beamCenterYMm) + ";\n";
    h += "ADXV_CENTER_X=" + g(f.fbeamMm) + ";\nADXV_CENTER_Y=" + g(f.detsizeSMm - f.sbeamMm) + ";\n";
    h += "MOSFLM_CENTER_X=" + g(f.sbeamMm - halfPx) + ";\nMOSFLM_CENTER_Y=" + g(f.fbeamMm - halfPx) + ";\n";
    h += "DENZO_X_BEAM=" + g(f.sbeamMm) + ";\nDENZO_Y_BEAM=" + g(f.fbeamMm) + ";\n";
    h += "DIALS_ORIGIN=" + g(f.dialsOrigin[0]) + "," + g(f.dialsOrigin[1]) + "," + g(f.dialsOrigin[2]) +
         "\n";  // no semicolon, as in the original
    h += "XDS_ORGX=" + g(f.orgx) + ";\nXDS_ORGY=" + g(f.orgy) + ";\n";
    h += "CLOSE_DISTANCE=" + g(f.closeDistanceMm) + ";\n";
    h += "PHI=" + g(f.phiDeg) + ";\nOSC_START=" + g(f.phiDeg) + ";\nOSC_RANGE=" + g(f.oscDeg) + ";\n";
    h += "TWOTHETA=" + g(f.twothetaDeg) + ";\n";
    h += "DETECTOR_SN=000;\nBEAMLINE=fake;\n}\f";
    return h;
}

}  // namespace

std::string formatSmvHeader(const SmvHeaderFields& f) {
    // Numbers with many digits can push the items past 512 bytes (the original then writes pixel
    // data at the wrong offset). We grow HEADER_BYTES to the next multiple of 512 instead, so the
    // file stays self-consistent; typical headers keep the standard 512.
    int headerBytes = kMinHeader;
    std::string h = smvHeaderItems(f, headerBytes);
    while (h.size() > std::size_t(headerBytes)) {
        headerBytes = int((h.size() + kMinHeader - 1) / kMinHeader * kMinHeader);
        h = smvHeaderItems(f, headerBytes);
    }
    h.resize(std::size_t(headerBytes), ' ');
    return h;
}

void writeSmv(const std::string& path, const SmvHeaderFields& fields,
              const std::vector<std::uint16_t>& pixels) {
    if (fields.fpixels <= 0 || fields.spixels <= 0 ||
        pixels.size() != std::size_t(fields.fpixels) * std::size_t(fields.spixels))
        throw std::invalid_argument("writeSmv: pixel count does not match SIZE1 x SIZE2");
    std::string header = formatSmvHeader(fields);
    writeFileAtomically(path, [&](std::ostream& os) {
        os.write(header.data(), std::streamsize(header.size()));
        std::string chunk;
        for (std::size_t i = 0; i < pixels.size(); i += 32768) {
            chunk.clear();
            for (std::size_t j = i; j < std::min(pixels.size(), i + 32768); ++j) appendLE(chunk, pixels[j]);
            os.write(chunk.data(), std::streamsize(chunk.size()));
        }
    });
}

}  // namespace bragg::io
