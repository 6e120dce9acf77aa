#pragma once
// What runs a side: an engine of this program, an external nanoBragg-compatible program or a
// command template run in a scratch directory, or an image file. All take the same request.
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/Image.h"
#include "model/Experiment.h"
#include "render/Engine.h"
#include "report/CompareSummary.h"
#include "run/RunErrors.h"
#include "run/Side.h"
#include "setup/Setup.h"

namespace bragg::run {

// One run of a side. `flags` are what programs get; `experiment` is the same settings derived
// with this side's physics fixes (what engines render; its detector size is the expected one).
struct SideRequest {
    std::vector<std::string> flags;
    std::shared_ptr<const Experiment> experiment;
    std::optional<std::array<int, 2>> tracePixel;  // (fast, slow): a command's {tracefile} is asked for
    int fpixels() const { return experiment->detector.fpixels; }
    int spixels() const { return experiment->detector.spixels; }
};

struct SideRun {
    Image image;
    double seconds = 0;                   // wall time, everything included
    std::optional<double> renderSeconds;  // engines: the render call alone
    std::optional<bool> cacheHit;         // engines with a cache: whether this render reused it
    std::string output;                   // programs: what they printed (its last 256 KiB)
    setup::Setup setup;                   // the derived set-up it reports (empty: none)
    std::string trace;                    // commands: the JSON-lines trace written to {tracefile}
};

class SideRunner {
public:
    virtual ~SideRunner() = default;
    virtual report::SideInfo info() const = 0;
    // Throws RunnerFailure if no image comes out, SizeMismatch if it is not the request's size,
    // Error(Cancelled) once control->cancelled is seen (a program is killed with its group).
    // `control` may be null; engines count rows in it.
    virtual SideRun run(const SideRequest& request, RenderControl* control = nullptr) = 0;
};

// Throws Error(Usage) naming spec.option for a bad engine name, program or command template.
std::unique_ptr<SideRunner> makeSideRunner(const SideSpec& spec);

// One engine instance for all runs (so engine caches show in repeated timings).
std::unique_ptr<SideRunner> makeEngineRunner(const SideSpec& spec);

// The program gets -floatfile <scratch>/image.f32 -nonoise -nopgm and then the flags, with the
// scratch directory as working directory (its Fdump.bin and int image stay there). Its set-up is
// parsed from what it prints (setup::parsePrintout). A non-zero
// exit, a signal, the timeout, no image or one of the wrong size throw RunnerFailure with its
// last output lines.
std::unique_ptr<SideRunner> makeProgramRunner(const SideSpec& spec);

// A program whose interface differs: a command template, e.g. "python3 -m myport {flags} --out
// {npyfile}". Words split at spaces ('…' and "…" group); {flags} (a word of its own) becomes the
// nanoBragg flags; the output placeholder declares the format: {floatfile} raw float32 (fast
// index fastest), {smvfile} SMV, {npyfile} a (slow, fast) float32/float64 .npy; {workdir},
// {fpixels} and {spixels} are replaced too; {setupfile} is where the command may write its derived
// set-up as JSON (docs/setup.md; a malformed one is the side's failure), else the set-up is parsed
// from what it prints, if it prints nanoBragg's lines; {tracefile}, {tracefast} and {traceslow} are
// where and for which pixel it may write a JSON-lines trace (docs/trace-format.md) — /dev/null and
// -1 -1 unless the request asks for a trace. Failures as above. Throws Error(Usage) naming
// spec.option for a template without exactly one output or {flags}.
std::unique_ptr<SideRunner> makeCommandRunner(const SideSpec& spec);

// An image file as a side (visual regression against a saved image): .npy, SMV or raw float32 of
// the request's detector size. A file of another size is SizeMismatch.
std::unique_ptr<SideRunner> makeFileRunner(const SideSpec& spec);

}  // namespace bragg::run
