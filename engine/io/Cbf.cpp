#include "io/Cbf.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <memory>
#include <sstream>

#include <cbf.h>

#include "core/Error.h"
#include "core/UtcTime.h"
#include "io/AtomicFile.h"
#include "io/CText.h"

namespace bragg::io {
namespace {

// A CBFlib handle whose log goes to memory instead of stderr: its first line joins our one-line
// message.
class Handle {
public:
    explicit Handle(const std::string& path) {
        if (cbf_make_handle(&h_) != 0) throw inputError(path + ": CBFlib cannot allocate a handle");
        log_ = open_memstream(&logText_, &logSize_);
        if (log_) cbf_set_cbf_logfile(h_, log_);
    }
    ~Handle() {
        cbf_free_handle(h_);
        if (log_) std::fclose(log_);
        std::free(logText_);
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    cbf_handle get() const { return h_; }
    std::string firstLogLine() {
        if (!log_ || std::fflush(log_) != 0 || !logText_) return "";
        std::string text(logText_, logSize_);
        text = text.substr(0, text.find('\n'));
        if (text.rfind("CBFlib: ", 0) == 0) text.erase(0, 8);
        return text;
    }

private:
    cbf_handle h_ = nullptr;
    FILE* log_ = nullptr;
    char* logText_ = nullptr;
    std::size_t logSize_ = 0;
};

// CBFlib returns a bit set of CBF_* error flags; name the most telling one.
std::string cbfProblem(int code) {
    if (code & CBF_FILEREAD) return "truncated or unreadable (CBF_FILEREAD)";
    if (code & CBF_ENDOFDATA) return "data end early (CBF_ENDOFDATA)";
    if (code & CBF_FORMAT) return "malformed CBF or digest mismatch (CBF_FORMAT)";
    if (code & CBF_NOTFOUND) return "item not found (CBF_NOTFOUND)";
    if (code & CBF_ALLOC) return "out of memory (CBF_ALLOC)";
    if (code & CBF_FILEWRITE) return "cannot write (CBF_FILEWRITE)";
    return "CBFlib error " + std::to_string(code);
}

void check(int code, const std::string& path, const std::string& what, Handle& h) {
    if (code == 0) return;
    const std::string log = h.firstLogLine();
    throw inputError(path + ": " + what + ": " + cbfProblem(code) + (log.empty() ? "" : " (" + log + ")"));
}

// The first number after `key` in the header text's line starting "# key", or 0.
double headerNumber(const std::string& text, const std::string& key, int index = 0) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        const std::size_t at = line.find("# " + key);
        if (at == std::string::npos) continue;
        std::string rest = line.substr(at + 2 + key.size());
        for (char& c : rest)
            if (c == '(' || c == ')' || c == ',' || c == '=' || c == ':') c = ' ';
        std::istringstream words(rest);
        int found = 0;
        for (std::string w; words >> w;) {
            const char c = w[0];
            if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.')) continue;
            if (found++ == index) return cAtof(w);
        }
    }
    return 0;
}

}  // namespace

std::string formatMiniCbfHeader(const MiniCbfHeader& h) {
    char buf[2048];
    // DIALS takes a sensor line as a parallax correction, which needs a thickness above 0: a
    // sensor without thickness is stated by leaving the line out.
    char sensor[128] = "";
    if (h.sensorThicknessM > 0)
        std::snprintf(sensor, sizeof sensor, "# Silicon sensor, thickness %.9f m\n", h.sensorThicknessM);
    std::snprintf(buf, sizeof buf,
                  "\n# Detector: BraggStudio simulated (nanoBragg physics), S/N 0\n"
                  "# %s\n"
                  "# Pixel_size %.9ge-6 m x %.9ge-6 m\n"
                  "%s"
                  "# Exposure_time %.7f s\n"
                  "# Exposure_period %.7f s\n"
                  "# Tau = 0 s\n"
                  "# Count_cutoff %ld counts\n"
                  "# Wavelength %.9g A\n"
                  "# Detector_distance %.9g m\n"
                  "# Beam_xy (%.6f, %.6f) pixels\n"
                  "# Start_angle %.6f deg.\n"
                  "# Angle_increment %.6f deg.\n"
                  "# Detector_2theta 0.0000 deg.\n"
                  "# Phi %.6f deg.\n",
                  h.timestamp.empty() ? utcNow("%Y-%m-%dT%H:%M:%S.000").c_str() : h.timestamp.c_str(),
                  h.pixelSizeM * 1e6, h.pixelSizeM * 1e6, sensor, h.exposureS, h.exposureS, h.countCutoff,
                  h.wavelengthA, h.distanceM, h.beamXPx, h.beamYPx, h.startAngleDeg, h.angleIncrementDeg,
                  h.startAngleDeg);
    return buf;
}

MiniCbfHeader parseMiniCbfHeader(const std::string& text) {
    MiniCbfHeader m;
    m.pixelSizeM = headerNumber(text, "Pixel_size");
    m.wavelengthA = headerNumber(text, "Wavelength");
    m.distanceM = headerNumber(text, "Detector_distance");
    m.beamXPx = headerNumber(text, "Beam_xy", 0);
    m.beamYPx = headerNumber(text, "Beam_xy", 1);
    m.exposureS = headerNumber(text, "Exposure_time");
    m.startAngleDeg = headerNumber(text, "Start_angle");
    m.angleIncrementDeg = headerNumber(text, "Angle_increment");
    const double cutoff = headerNumber(text, "Count_cutoff");
    m.countCutoff = std::abs(cutoff) < 1e18 ? long(cutoff) : 0;  // beyond any count: as if absent
    m.sensorThicknessM = headerNumber(text, "Silicon sensor, thickness");
    return m;
}

void writeMiniCbf(const std::string& path, const MiniCbfHeader& header, int width, int height,
                  const std::vector<std::int32_t>& pixels) {
    if (pixels.size() != std::size_t(width) * std::size_t(height))
        throw inputError(path + ": pixel count does not match the image size");
    writeFileAtomicallyByName(path, [&](const std::string& tempPath) {
        Handle h(path);
        const std::string contents = formatMiniCbfHeader(header);
        check(cbf_new_datablock(h.get(), "image_1"), path, "cannot write", h);
        check(cbf_new_category(h.get(), "array_data"), path, "cannot write", h);
        check(cbf_new_column(h.get(), "header_convention"), path, "cannot write", h);
        check(cbf_set_value(h.get(), "GENERIC_MINI"), path, "cannot write", h);
        check(cbf_new_column(h.get(), "header_contents"), path, "cannot write", h);
        check(cbf_set_value(h.get(), contents.c_str()), path, "cannot write", h);
        check(cbf_new_column(h.get(), "data"), path, "cannot write", h);
        // CBFlib copies and compresses the array here; the file is written below.
        check(cbf_set_integerarray_wdims_fs(
                  h.get(), CBF_BYTE_OFFSET, 1, const_cast<std::int32_t*>(pixels.data()), sizeof(std::int32_t),
                  1, pixels.size(), "little_endian", std::size_t(width), std::size_t(height), 0, 4095),
              path, "cannot write", h);
        FILE* out = std::fopen(tempPath.c_str(), "wb");
        if (!out) throw inputError(path + ": cannot write");
        // isbuffer = 1 hands the stream to CBFlib, which closes it when the handle is freed.
        check(cbf_write_file(h.get(), out, 1, CBF, MSG_DIGEST | MIME_HEADERS | PAD_4K, 0), path,
              "cannot write", h);
    });
}

}  // namespace bragg::io
