// bragg parity: run a catalogue of comparison cases (reference side vs candidate side on identical
// flags, golden images, equivalent spellings) and write a report folder with a PASS/BLOCKED status.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>

#include "CompareExit.h"
#include "CompareOptions.h"
#include "Commands.h"
#include "DistributionOptions.h"
#include "ParityReport.h"
#include "SeriesPlan.h"
#include "ShardFile.h"
#include "WorkItems.h"
#include "compare/DSpacingMap.h"
#include "core/Error.h"
#include "io/RawFloat.h"
#include "params/Derive.h"
#include "report/CompareJson.h"
#include "report/ComparisonImages.h"

namespace bragg::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kHelp =
    "usage: bragg parity CATALOG [--outdir DIR] [--baseline OLD/summary.json] [--mpi] [--shard I/N]\n"
    "                    [options]\n"
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
    "distribution:\n"
    "  --mpi                 under mpirun: rank 0 hands out cases to the ranks as they finish and\n"
    "                        writes the report (the same report as one process)\n"
    "  --shard I/N           only cases i with i mod N = I (catalogue order, after --only): writes\n"
    "                        DIR/parity.shard-I-of-N.json and the failing cases' folders; bragg\n"
    "                        merge DIR... writes the report from the shards\n"
    "\n"
    "exit status (a shard: of its own cases): 0 every case PASS, 1 usage, 2 a runner failed in some\n"
    "case (the report is still written), 3 BLOCKED (some case failed a threshold or could not be\n"
    "run), 5 unreadable or malformed catalogue or baseline, unwritable report\n";

struct ParityOptions {
    std::vector<std::string> positional;
    SideOptions sides;
    std::string outdir = "parity-report", baseline, only;
    DistributionOptions distribution;
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
        for (const std::string& f : r.comparison->failures)
            r.problems.push_back("reference vs candidate: " + f);
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
            if (!e.comparison)
                r.problems.push_back("equivalent " + e.id + ": " + e.error);
            else
                for (const std::string& f : e.comparison->failures)
                    r.problems.push_back("equivalent " + e.id + ": " + f);
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
    std::optional<mpi::Session> session;
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
        addDistributionOptions(app, o.distribution);
        if (const auto status = parseWithCli11(app, args, "parity", kHelp, o.help)) return *status;
        const bool enginesGiven = app.count("--engines") > 0;
        if (o.positional.size() != 1)
            throw usageError("expected one catalogue file (see bragg parity --help)");
        const Shard shard = o.distribution.parsedShard();
        if (o.distribution.mpi) session.emplace();
        const bool leader = !session || session->rank() == 0;

        ParityCatalogue catalogue = loadCatalogue(o.positional[0]);
        if (!o.only.empty()) {
            const std::vector<std::string> ids = splitCommaList(o.only);
            for (const std::string& id : ids)
                if (std::none_of(catalogue.cases.begin(), catalogue.cases.end(),
                                 [&](const ParityCase& c) { return c.id == id; }))
                    throw usageError("--only: no case '" + id + "' in " + catalogue.path);
            std::erase_if(catalogue.cases, [&](const ParityCase& c) {
                return std::find(ids.begin(), ids.end(), c.id) == ids.end();
            });
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
        run.description =
            parityDescription(catalogue, sides.reference.info(), sides.candidate.info(), o.repeat);
        std::vector<int> items;
        for (int i = 0; i < int(catalogue.cases.size()); ++i)
            if (shard.owns(i)) items.push_back(i);
        const auto start = Clock::now();
        CaseRunner runner(catalogue, sides, o, outdir);
        const ItemWork work = [&](int i) {
            return caseRecord(runner.run(catalogue.cases[std::size_t(i)])).dump();
        };
        std::map<int, nlohmann::ordered_json> records;
        std::optional<CaughtError> failed;
        const ItemDone done = [&](int i, const ItemResult& r) {
            if (r.exitCode != 0) {
                if (!failed)
                    failed = CaughtError{r.exitCode,
                                         "case " + catalogue.cases[std::size_t(i)].id + ": " + r.error};
                return;
            }
            records[i] = nlohmann::ordered_json::parse(r.text);
            if (o.quiet) return;
            std::fputs(caseProgressText(records[i], records.size(), items.size()).c_str(), stdout);
            std::fflush(stdout);
        };
        if (session)
            mpi::runItems(*session, items, work, done);
        else
            runItemsHere(items, work, done);
        if (!leader) return exitStatus(session, 0);
        if (failed) throw DescribedError(*failed);
        for (auto& [i, record] : records) run.cases.push_back(std::move(record));
        run.wallSeconds = std::chrono::duration<double>(Clock::now() - start).count();
        if (shard.count > 1) {
            ShardOutput out{"parity",
                            run.description,
                            {{"wall_seconds", run.wallSeconds}},
                            shard,
                            int(catalogue.cases.size()),
                            {}};
            if (baseline)
                out.run["baseline"] = {{"path", o.baseline},
                                       {"statuses", baselineStatuses(*baseline, o.baseline)}};
            for (std::size_t k = 0; k < items.size(); ++k) out.records[items[k]] = run.cases[k];
            writeShardOutput(outdir, out);
            std::printf("parity: shard %d/%d: %d of %zu cases pass; combine the shards with bragg merge %s\n",
                        shard.index, shard.count, run.count("PASS"), run.cases.size(),
                        outdir.string().c_str());
            return exitStatus(session, run.exitCode());
        }
        if (baseline) compareWithBaseline(run, *baseline, o.baseline);
        writeParityReport(outdir.string(), run);
        return exitStatus(session, run.exitCode());
    } catch (...) {
        return reportDistributedException("parity", session);
    }
}

}  // namespace bragg::cli
