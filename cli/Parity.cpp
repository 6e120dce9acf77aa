// bragg parity: run a catalogue of comparison cases (reference side vs candidate side on identical
// flags, golden images, equivalent spellings) and write a report folder with a PASS/BLOCKED status.
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "CompareExit.h"
#include "CompareOptions.h"
#include "Commands.h"
#include "ParityReport.h"
#include "compare/DSpacingMap.h"
#include "core/Error.h"
#include "io/AtomicFile.h"
#include "io/RawFloat.h"
#include "params/Derive.h"
#include "report/CompareJson.h"
#include "report/ComparisonImages.h"
#include "report/EnvInfo.h"

namespace bragg::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kHelp =
    "usage: bragg parity CATALOG [--outdir DIR] [--baseline OLD/summary.json] [options]\n"
    "\n"
    "Runs every case of a JSON catalogue (resources/parity/catalogue.json is the shipped one; its\n"
    "format is described in resources/parity/README.md): both sides render the case's flags and are\n"
    "compared against the case's thresholds; a case may also name a golden image the reference side\n"
    "must reproduce and 'equivalent' flag spellings whose candidate images must match its own. A\n"
    "BLOCKED comparison is bisected (as bragg bisect) unless --no-bisect is given.\n"
    "\n"
    "Writes to --outdir (default parity-report): summary.json, summary.md (metrics per case, timings\n"
    "and speedups, status PASS or BLOCKED, failing cases with their metrics and bisection), env.json\n"
    "(compiler, flags, CPU, ISA, threads, git commit, build type), benchmark_results.json, and\n"
    "cases/<id>/{reference,candidate,diff}.png + summary.json for every failing case. With\n"
    "--baseline, the report lists verdict flips against an earlier summary.json.\n"
    "\n"
    "options:\n"
    "  --engines REF,CAND    engines (default: the catalogue's \"engines\", else "
    "reference,optimized)\n" BRAGG_HELP_SIDE_PROGRAMS BRAGG_HELP_SIDE_RUN
    "  --threads N           OpenMP threads\n"
    "  --repeat N            render each case N times per side; timings use the best, and the\n"
    "                        first-vs-best ratio shows cache effectiveness (default 1)\n"
    "  --only ID[,ID...]     run only these cases\n"
    "  --no-bisect           do not bisect blocked cases\n"
    "  --repeat-check        run each program/command side twice per case: its run-to-run noise\n"
    "                        floor (see bragg compare --help); cases may set \"atol\"/\"rtol\"\n"
    "                        (per-pixel gate) in their thresholds\n"
    "  --quiet               print only the final status line\n"
    "\n"
    "exit status: 0 every case PASS, 1 usage, 2 a runner failed in some case (the report is still\n"
    "written), 3 BLOCKED (some case failed a threshold or could not be run), 5 unreadable or\n"
    "malformed catalogue or baseline, unwritable report\n";

struct ParityOptions {
    std::vector<std::string> positional;
    SideOptions sides;
    std::string outdir = "parity-report", baseline, only;
    int repeat = 1;
    bool noBisect = false, quiet = false, help = false, repeatCheck = false;
};

class CaseRunner {
public:
    CaseRunner(const ParityCatalogue& catalogue, run::SidePair& sides, const ParityOptions& options,
               const fs::path& outdir)
        : catalogue_(catalogue), sides_(sides), options_(options), outdir_(outdir) {}

    CaseResult run(const ParityCase& c) {
        CaseResult r;
        r.spec = &c;
        try {
            runChecks(c, r);
        } catch (const run::RunnerFailure& e) {
            r.status = "ERROR", r.error = e.what(), r.runnerFailed = true;
        } catch (const std::exception& e) {
            r.status = "ERROR", r.error = e.what();
        }
        if (r.status == "ERROR") r.problems.push_back("could not run: " + r.error);
        return r;
    }

private:
    void runChecks(const ParityCase& c, CaseResult& r) {
        // A case that names its own sides runs on them (the run's sides for the one it does not name).
        std::optional<run::SidePair> own;
        if (c.reference || c.candidate) {
            own.emplace();
            own->reference.set(c.reference.value_or(sides_.reference.spec()));
            own->candidate.set(c.candidate.value_or(sides_.candidate.spec()));
        }
        run::SidePair& sides = own ? *own : sides_;
        r.reference = sides.reference.info();
        r.candidate = sides.candidate.info();
        const run::PreparedRun prepared = run::prepareRun(c.flags, c.dir);
        r.flags = prepared.flags;
        r.fpixels = prepared.fpixels, r.spixels = prepared.spixels, r.steps = prepared.steps;
        std::optional<run::RunResult> first;
        for (int i = 0; i < options_.repeat; ++i) {
            // Where and how the sides part: summary.json's "regions", the diagnosis in summary.md.
            run::RunResult run = runPair(sides, prepared, c.thresholds, std::nullopt, catalogue_.peaks,
                                         RegionOptions{}, options_.repeatCheck && i == 0);
            r.referenceSeconds.push_back(run.reference.info.seconds.value_or(0));
            r.candidateSeconds.push_back(run.candidate.info.seconds.value_or(0));
            if (i == 0) first = std::move(run);
        }
        const Image& reference = *first->reference.image;
        const Image& candidate = *first->candidate.image;
        r.comparison = first->summary.comparison;
        for (const std::string& f : r.comparison->failures) r.problems.push_back("reference vs candidate: " + f);
        if (r.comparison->metrics.sumA == 0 && r.comparison->metrics.maxA == 0)
            r.problems.push_back("the reference image is all zero: this case tests nothing");

        if (c.golden) {
            const Image golden = io::readFloatImage(*c.golden, prepared.fpixels, prepared.spixels);
            r.golden = compareImages(golden, reference, c.thresholds, std::nullopt, catalogue_.peaks);
            for (const std::string& f : r.golden->failures) r.problems.push_back("golden vs reference: " + f);
        }
        for (const EquivalentRun& e : c.equivalents)
            r.equivalents.push_back(runEquivalent(sides.candidate, c, e, prepared, candidate));
        for (const EquivalentResult& e : r.equivalents) {
            if (!e.comparison) r.problems.push_back("equivalent " + e.id + ": " + e.error);
            else
                for (const std::string& f : e.comparison->failures) r.problems.push_back("equivalent " + e.id + ": " + f);
        }
        r.status = r.problems.empty() ? "PASS" : "BLOCKED";
        if (r.comparison->verdict == Verdict::Blocked && !options_.noBisect) {
            BisectOptions bo{c.thresholds, r.comparison->roi, catalogue_.peaks, {}};
            bo.quirkSide = quirkSide(sides.reference.spec(), prepared.params, first->candidate.image);
            r.bisect = bragg::bisect(prepared.params, pairRenderer(sides), bo, r.comparison);
        }
        if (r.status != "PASS") writeCaseFiles(c, r, *first);
    }

    EquivalentResult runEquivalent(run::Side& side, const ParityCase& c, const EquivalentRun& e,
                                   const run::PreparedRun& main, const Image& mainImage) {
        EquivalentResult result;
        result.id = e.id;
        try {
            const run::PreparedRun variant = run::prepareRun(e.flags, c.dir);
            result.flags = variant.flags;
            if (variant.fpixels != main.fpixels || variant.spixels != main.spixels)
                throw run::SizeMismatch("its image is " + std::to_string(variant.fpixels) + "x" +
                                        std::to_string(variant.spixels));
            RenderControl control;
            const run::SideResult run =
                side.run(variant.flags, run::deriveFor(side, variant.params), false, control);
            result.comparison =
                compareImages(mainImage, *run.image, c.thresholds, std::nullopt, catalogue_.peaks);
        } catch (const std::exception& ex) {
            result.error = ex.what();
        }
        return result;
    }

    void writeCaseFiles(const ParityCase& c, CaseResult& r, const run::RunResult& run) {
        const fs::path dir = outdir_ / "cases" / c.id;
        fs::create_directories(dir);
        r.files = report::writeComparisonImages(dir.string(), *run.reference.image, *run.candidate.image, {});
        report::CompareSummary s = run.summary;
        s.files = r.files;
        nlohmann::ordered_json j = report::toJson(s);
        if (r.bisect) j["bisect"] = report::toJson(*r.bisect);
        report::writeJsonFile((dir / "summary.json").string(), j);
        r.files.push_back("summary.json");
    }

    const ParityCatalogue& catalogue_;
    run::SidePair& sides_;
    const ParityOptions& options_;
    fs::path outdir_;
};

}  // namespace

int runParity(const std::vector<std::string>& args) {
    try {
        ParityOptions o;
        CLI::App app("bragg parity");
        configureApp(app, o.help);
        addSideOptions(app, o.sides, false);
        app.add_option("catalogue", o.positional, "");
        app.add_option("--outdir", o.outdir, "");
        app.add_option("--baseline", o.baseline, "");
        app.add_option("--repeat", o.repeat, "")->check(CLI::Range(1, 100));
        app.add_option("--only", o.only, "");
        app.add_flag("--no-bisect", o.noBisect, "");
        app.add_flag("--repeat-check", o.repeatCheck, "");
        app.add_flag("-q,--quiet", o.quiet, "");
        bool enginesGiven = false;
        if (const auto status = parseWithCli11(app, args, "parity", kHelp, o.help)) return *status;
        enginesGiven = app.count("--engines") > 0;
        if (o.positional.size() != 1) throw usageError("expected one catalogue file (see bragg parity --help)");

        ParityCatalogue catalogue = loadCatalogue(o.positional[0]);
        if (!o.only.empty()) {
            const std::vector<std::string> ids = splitCommaList(o.only);
            for (const std::string& id : ids)
                if (std::none_of(catalogue.cases.begin(), catalogue.cases.end(), [&](const ParityCase& c) { return c.id == id; }))
                    throw usageError("--only: no case '" + id + "' in " + catalogue.path);
            std::erase_if(catalogue.cases, [&](const ParityCase& c) { return std::find(ids.begin(), ids.end(), c.id) == ids.end(); });
        }
        std::optional<nlohmann::ordered_json> baseline;
        if (!o.baseline.empty()) baseline = report::readJsonFile(o.baseline);
        if (!enginesGiven && catalogue.engines) o.sides.engines = *catalogue.engines;
        // The command line's sides, else the catalogue's, else --engines / the catalogue's engines.
        SideSpecs specs = sideSpecs(o.sides);
        if (!enginesGiven && o.sides.referenceBin.empty() && o.sides.referenceCmd.empty() &&
            catalogue.reference)
            specs.reference = *catalogue.reference;
        if (!enginesGiven && o.sides.candidateBin.empty() && o.sides.candidateCmd.empty() &&
            catalogue.candidate)
            specs.candidate = *catalogue.candidate;
        run::SidePair sides = makeSides(specs, o.sides.threads);

        const fs::path outdir = o.outdir;
        fs::create_directories(outdir);
        ParityRun run;
        run.catalogue = &catalogue;
        run.reference = sides.reference.info();
        run.candidate = sides.candidate.info();
        run.repeat = o.repeat;
        const auto start = Clock::now();
        CaseRunner runner(catalogue, sides, o, outdir);
        for (std::size_t i = 0; i < catalogue.cases.size(); ++i) {
            run.cases.push_back(runner.run(catalogue.cases[i]));
            const CaseResult& r = run.cases.back();
            if (!o.quiet) {
                std::printf("[%zu/%zu] %-36s %-7s", i + 1, catalogue.cases.size(), r.spec->id.c_str(), r.status.c_str());
                if (!r.referenceSeconds.empty())
                    std::printf("  reference %.3f s, candidate %.3f s", r.referenceSeconds.front(), r.candidateSeconds.front());
                std::printf("\n");
                for (const std::string& p : r.problems) std::printf("        %s\n", p.c_str());
                if (r.comparison)
                    for (const std::string& w : whyLines(*r.comparison))
                        if (std::none_of(r.problems.begin(), r.problems.end(),
                                         [&](const std::string& p) { return p.ends_with(w); }))
                            std::printf("        %s\n", w.c_str());  // not already a problem line
                if (r.bisect) std::printf("        bisect: %s\n", r.bisect->conclusion.c_str());
                if (r.bisect && r.bisect->quirks)
                    std::printf("        quirk attribution: %s\n", r.bisect->quirks->conclusion.c_str());
                std::fflush(stdout);
            }
        }
        run.wallSeconds = std::chrono::duration<double>(Clock::now() - start).count();
        if (baseline) compareWithBaseline(run, *baseline, o.baseline);

        const nlohmann::ordered_json env = report::environmentJson();
        report::writeJsonFile((outdir / "env.json").string(), env);
        report::writeJsonFile((outdir / "benchmark_results.json").string(), benchmarkJson(run));
        report::writeJsonFile((outdir / "summary.json").string(), summaryJson(run));
        io::writeFileAtomically((outdir / "summary.md").string(), summaryMarkdown(run, env));
        std::printf("parity: %s (%d of %zu cases pass); report in %s/summary.md\n", run.status().c_str(), run.count("PASS"),
                    run.cases.size(), outdir.string().c_str());
        if (std::any_of(run.cases.begin(), run.cases.end(), [](const CaseResult& c) { return c.runnerFailed; }))
            return kExitRunnerFailed;
        return run.status() == "PASS" ? kExitPass : kExitBelowThreshold;
    } catch (...) {
        return reportCurrentException("parity");
    }
}

}  // namespace bragg::cli
