// bragg trace: one pixel evaluated by two engines with every intermediate value recorded, the
// two traces aligned, and the first quantity where they part marked.
#include <cmath>
#include <cstdio>
#include <string>

#include "CompareExit.h"
#include "CompareOptions.h"
#include "Commands.h"
#include "core/Error.h"
#include "trace/Printout.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "params/PhysicsMode.h"
#include "render/Engine.h"
#include "report/TraceJson.h"
#include "report/TraceJsonLines.h"
#include "io/AtomicFile.h"

namespace bragg::cli {
namespace {

constexpr const char* kHelp =
    "usage: bragg trace --pixel F S [--engines REF,CAND | --reference-bin PATH | --candidate-bin PATH] "
    "[options]\n"
    "                   -- <nanoBragg flags>\n"
    "\n"
    "Evaluates pixel (fast F, slow S) with both engines, each by the code path it renders with, and\n"
    "prints the two traces aligned: per sub-pixel the position P, airpath R, direction d, solid angle\n"
    "and capture fraction at that sub-pixel; per source the incident vector, lambda, scattering vector\n"
    "S, stol, d_min cut and polarization; per (sub-pixel, source, phi, domain) h k l, h0 k0 l0, the\n"
    "lattice factor per axis and total, F_cell and the running sum I; then the final factors and the\n"
    "pixel value. The first quantity whose values differ by more than the tolerance (relative to the\n"
    "quantity's physical scale: a vector's length, 1 for h k l, its own magnitude for intensities)\n"
    "is marked. F_latt compares by magnitude (only its\n"
    "square enters I). A nanoBragg-compatible program (--reference-bin, --candidate-bin) is run with\n"
    "-printout_pixel F S added and what it prints is parsed: the position, stol, h k l, h0 k0 l0,\n"
    "F_cell, F_latt, I, polar, omega and capture of its last evaluation (the last layer, sub-pixel,\n"
    "source, phi step and domain), aligned with the engine's; a command template reports only the\n"
    "final pixel value, unless it writes the JSON-lines trace of docs/trace-format.md to\n"
    "{tracefile} (for pixel {tracefast} {traceslow}), which is aligned like an engine's.\n"
    "\n"
    "options:\n"
    "  --pixel F S           the pixel (fast, slow), 0-based as in the image files\n"
    "  --engines REF,CAND    engines (default reference,optimized)\n" BRAGG_HELP_SIDE_PROGRAMS
        BRAGG_HELP_SIDE_FILES BRAGG_HELP_SIDE_RUN
    "  --physics MODE, --candidate-physics MODE  as for bragg compare\n"
    "  --tolerance T         relative tolerance (default 1e-5)\n"
    "  --json FILE           write both traces, aligned, as JSON\n"
    "  --jsonl FILE          write the reference side's trace in the JSON-lines format ports write\n"
    "  --layer N, --subpixel S,F, --source N, --phi N, --domain N   show only these rows\n"
    "  --all                 print every row (default: at most 400, around the first divergence)\n"
    "  --threads N           OpenMP threads\n"
    "\n"
    "exit status: 0 the traces agree, 1 usage, 2 a side failed, 3 they diverge, 5 I/O or parse error\n";

struct TraceOptions {
    std::vector<int> pixel;
    double tolerance = 1e-5;
    std::string json, jsonLines;
    bool all = false;
    TraceFilter filter;
    std::vector<int> subpixel;
};

std::string formatValue(const std::optional<double>& v) {
    if (!v) return "—";
    char text[32];
    std::snprintf(text, sizeof text, "%.12g", *v);
    return text;
}

void printRow(const TraceRow& r, bool first) {
    char diff[32] = "";
    if (r.a && r.b && r.difference != 0) std::snprintf(diff, sizeof diff, "%.2e", r.difference);
    std::printf("%-2s %-44s %-12s %22s %22s %10s\n", first ? ">>" : (r.diverges ? " !" : ""),
                r.site.label().c_str(), r.quantity.c_str(), formatValue(r.a).c_str(),
                formatValue(r.b).c_str(), diff);
}

void printTraces(const PixelTrace& a, const PixelTrace& b, const TraceDiff& diff, const TraceOptions& o) {
    std::printf("pixel (%d, %d): A = %s, B = %s\n", a.fast, a.slow, a.engine.c_str(), b.engine.c_str());
    std::printf("%-2s %-44s %-12s %22s %22s %10s\n", "", "site", "quantity", "A", "B", "rel.diff");
    std::vector<std::size_t> shown;
    for (std::size_t i = 0; i < diff.rows.size(); ++i)
        if (o.filter.accepts(diff.rows[i].site)) shown.push_back(i);
    const std::size_t limit = 400;
    std::size_t from = 0, to = shown.size();
    if (!o.all && shown.size() > limit) {
        std::size_t centre = 0;
        for (std::size_t k = 0; k < shown.size(); ++k)
            if (int(shown[k]) == diff.firstDivergence) centre = k;
        from = centre > limit / 2 ? centre - limit / 2 : 0;
        to = std::min(shown.size(), from + limit);
        from = to - limit;
    }
    if (from > 0) std::printf("   ... %zu rows before (use --all or the filters)\n", from);
    for (std::size_t k = from; k < to; ++k)
        printRow(diff.rows[shown[k]], int(shown[k]) == diff.firstDivergence);
    if (to < shown.size())
        std::printf("   ... %zu rows after (use --all or the filters)\n", shown.size() - to);
    std::printf("pixel value: A %.9g, B %.9g\n", a.value, b.value);
    if (const TraceRow* r = diff.first())
        std::printf("first divergence: %s%s%s: A %s, B %s (relative difference %.3g > tolerance %g)\n",
                    r->site.label().c_str(), r->site.label().empty() ? "" : " ", r->quantity.c_str(),
                    formatValue(r->a).c_str(), formatValue(r->b).c_str(), r->difference, diff.tolerance);
    else
        std::printf("traces agree: %d quantities compared, none differs by more than %g\n", diff.compared,
                    diff.tolerance);
}

// A program side's trace: the values it prints for the pixel (a nanoBragg-compatible program) and its value.
PixelTrace programTrace(run::Side& side, const run::PreparedRun& prepared, int fast, int slow) {
    RenderControl control;
    // A nanoBragg-compatible program also prints the pixel's intermediate values (-printout_pixel,
    // fast then slow), which line up with an engine's trace.
    std::vector<std::string> flags = prepared.flags;
    if (side.spec().kind == run::SideKind::Program)
        flags.insert(flags.end(), {"-printout_pixel", std::to_string(fast), std::to_string(slow)});
    const auto experiment = run::deriveFor(side, prepared.params);
    const run::SideResult result =
        side.run(flags, experiment, false, control, std::array<int, 2>{fast, slow});
    PixelTrace t;
    if (!result.trace.empty()) {  // a port's JSON-lines trace ({tracefile})
        t = report::parseTraceJsonLines(result.trace, side.info().name + "'s {tracefile}");
        t.engine = side.info().name;
        t.fast = fast, t.slow = slow;
        t.value = result.image->at(fast, slow);
        std::erase_if(t.entries, [](const TraceEntry& e) { return e.quantity == "value"; });
        t.entries.push_back({TraceSite{}, "value", t.value});  // the image's float value, as for engines
        return t;
    }
    t.engine = side.info().name;
    t.fast = fast, t.slow = slow;
    t.value = result.image->at(fast, slow);
    for (TraceEntry& e : parsePrintoutPixel(result.output, *experiment, fast, slow))
        if (e.quantity != "value") t.entries.push_back(std::move(e));  // the image's float value below
    t.entries.push_back({TraceSite{}, "value", t.value});
    return t;
}

PixelTrace engineTrace(const std::string& engineName, const PhysicsFixes& fixes, const run::PreparedRun& run,
                       int fast, int slow) {
    Params params = run.params;
    params.fixes = fixes;
    const Experiment e = deriveExperiment(params);
    PixelTrace t = makeEngine(engineName)->tracePixel(e, fast, slow);
    if (fixes.any()) t.engine += " [physics " + physicsModeName(fixes) + "]";
    return t;
}

}  // namespace

int runTrace(const std::vector<std::string>& args) {
    try {
        const SplitArgs split = splitAtSeparator(args);
        SideOptions sides;
        TraceOptions o;
        bool help = false;
        CLI::App app("bragg trace");
        configureApp(app, help);
        addSideOptions(app, sides);
        app.add_option("--pixel", o.pixel, "")->expected(2);
        app.add_option("--tolerance", o.tolerance, "")->check(CLI::NonNegativeNumber);
        app.add_option("--json", o.json, "");
        app.add_option("--jsonl", o.jsonLines, "");
        app.add_flag("--all", o.all, "");
        app.add_option("--layer", o.filter.layer, "")->check(CLI::NonNegativeNumber);
        app.add_option("--subpixel", o.subpixel, "")->expected(2)->delimiter(',');
        app.add_option("--source", o.filter.source, "")->check(CLI::NonNegativeNumber);
        app.add_option("--phi", o.filter.phi, "")->check(CLI::NonNegativeNumber);
        app.add_option("--domain", o.filter.domain, "")->check(CLI::NonNegativeNumber);
        if (const auto status = parseWithCli11(app, split.own, "trace", kHelp, help)) return *status;
        if (o.pixel.size() != 2) throw usageError("--pixel: needs F S (see bragg trace --help)");
        if (o.subpixel.size() == 2) o.filter.subS = o.subpixel[0], o.filter.subF = o.subpixel[1];
        if (split.nanoBragg.empty())
            throw usageError("needs nanoBragg flags after -- (see bragg trace --help)");
        const int fast = o.pixel[0], slow = o.pixel[1];

        const run::PreparedRun run = run::prepareRun(split.nanoBragg, ".");
        for (const std::string& w : run.warnings)
            std::fprintf(stderr, "bragg trace: warning: %s\n", w.c_str());
        run::SidePair runners =
            makeSides(sides);  // validates --engines, --reference-bin, --physics; applies --threads
        const std::vector<std::string> names = [&] {
            std::vector<std::string> n;
            for (std::size_t start = 0; start <= sides.engines.size();) {
                const std::size_t comma = std::min(sides.engines.find(',', start), sides.engines.size());
                n.push_back(sides.engines.substr(start, comma - start));
                start = comma + 1;
            }
            return n;
        }();
        const PhysicsFixes physics = parsePhysicsMode(sides.physics, "--physics");
        const PhysicsFixes candidatePhysics =
            sides.candidatePhysics.empty() ? physics
                                           : parsePhysicsMode(sides.candidatePhysics, "--candidate-physics");
        const PixelTrace a = runners.reference.info().kind == "engine"
                                 ? engineTrace(names.front(), physics, run, fast, slow)
                                 : programTrace(runners.reference, run, fast, slow);
        const PixelTrace b = runners.candidate.info().kind == "engine"
                                 ? engineTrace(names.back(), candidatePhysics, run, fast, slow)
                                 : programTrace(runners.candidate, run, fast, slow);
        const TraceDiff diff = diffTraces(a, b, o.tolerance);
        printTraces(a, b, diff, o);
        if (!o.json.empty()) report::writeTraceJson(o.json, a, b, diff);
        if (!o.jsonLines.empty())
            io::writeFileAtomically(o.jsonLines, std::string_view(report::traceJsonLines(a)));
        return diff.first() ? kExitBelowThreshold : kExitPass;
    } catch (...) {
        return reportCurrentException("trace");
    }
}

}  // namespace bragg::cli
