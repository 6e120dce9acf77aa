#pragma once
// The two sides of a run comparison: an engine of this program, or an external
// nanoBragg-compatible executable run in a scratch directory. Both take the same flag list.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/Image.h"
#include "params/Params.h"
#include "report/CompareSummary.h"

namespace bragg::cli {

// The user's nanoBragg flags made safe to run anywhere: input files absolute (relative names are
// resolved from `baseDir`), output-file flags removed, a time-seeded `-misset random` pinned so
// both sides draw the same orientation.
struct PreparedRun {
    std::vector<std::string> flags;
    Params params;             // parsed from `flags`
    int fpixels = 0, spixels = 0;
    long long steps = 1;       // sources · domains · φ steps · oversample² (for throughput figures)
    std::vector<std::string> warnings;
};

// Throws bragg::Error (Usage: bad flags; Input: unreadable input files).
PreparedRun prepareRun(const std::vector<std::string>& userFlags, const std::string& baseDir);

struct SideRun {
    Image image;
    double seconds = 0;                   // wall time, everything included
    std::optional<double> renderSeconds;  // engines: the render call alone
};

class SideRunner {
public:
    virtual ~SideRunner() = default;
    virtual report::SideInfo info() const = 0;
    // Throws RunnerFailure if no image comes out, SizeMismatch if it is not fpixels × spixels.
    virtual SideRun run(const std::vector<std::string>& flags, int fpixels, int spixels) = 0;
};

// One engine instance for all runs (so engine caches show in repeated timings), computing with
// the given physics fixes (--physics).
std::unique_ptr<SideRunner> makeEngineRunner(const std::string& engineName, const PhysicsFixes& fixes = {});

// A nanoBragg-compatible program as a side.
struct ProgramSide {
    std::string program;
    std::string option = "--reference-bin";  // the flag that named it, for error messages
    int threads = 0;                         // > 0: OMP_NUM_THREADS for it
    bool keepScratch = false;
    double timeoutSeconds = 3600;          // then it is killed with its process group
    std::vector<std::string> environment;  // NAME=VALUE set (or replaced) for it, after threads
};

// The program gets -floatfile <scratch>/image.f32 -nonoise -nopgm and then the flags, with the
// scratch directory as working directory (its Fdump.bin and int image stay there). A non-zero
// exit, a signal, the timeout, no image or one of the wrong size throw RunnerFailure (exit 2)
// with its last output lines.
std::unique_ptr<SideRunner> makeProgramRunner(const ProgramSide& side);

// A program whose interface differs: a command template, e.g. "python3 -m myport {flags} --out
// {npyfile}". Words split at spaces ('…' and "…" group); {flags} (a word of its own) becomes the
// nanoBragg flags; the output placeholder declares the format: {floatfile} raw float32 (fast
// index fastest), {smvfile} SMV, {npyfile} a (slow, fast) float32/float64 .npy; {workdir},
// {fpixels} and {spixels} are replaced too. side.program is unused; failures as above. Throws
// Error(Usage) naming side.option for a template without exactly one output or {flags}.
std::unique_ptr<SideRunner> makeCommandRunner(const std::string& command, const ProgramSide& side);

// An image file as a side (visual regression against a saved image): .npy, SMV or raw float32 of
// the flags' detector size. A file of another size is SizeMismatch (exit 4).
std::unique_ptr<SideRunner> makeFileRunner(const std::string& path);

}  // namespace bragg::cli
