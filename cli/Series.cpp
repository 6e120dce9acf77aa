// bragg series: a rotation series or a parameter sweep, one frame per independent render, written
// as nanoBragg writes one frame; resumable, and spread over Open MPI ranks or Slurm array tasks.
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include "CompareExit.h"
#include "CompareOptions.h"
#include "Commands.h"
#include "DistributionOptions.h"
#include "SeriesFiles.h"
#include "SeriesPlan.h"
#include "SeriesRecord.h"
#include "SlurmScript.h"
#include "WorkItems.h"
#include "core/Error.h"
#include "io/AtomicFile.h"
#include "output/FrameWriter.h"
#include "params/PhysicsMode.h"
#include "report/CompareJson.h"
#include "report/CompareSummary.h"

namespace bragg::cli {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kHelp =
    "usage: bragg series --frames N [--phi0 DEG] [--osc DEG] [--outdir DIR] [--name PATTERN]\n"
    "                    [--sweep FILE] [--format LIST] [--noise] [sides] [distribution]\n"
    "                    -- <nanoBragg flags>\n"
    "\n"
    "Renders frame i = 0..N-1 with the spindle at phi0 + i*osc (each frame oscillating osc, in the\n"
    "flags' -phisteps steps) and writes it as nanoBragg writes one frame: SMV (the frame's PHI,\n"
    "OSC_START, OSC_RANGE in its header) and raw float; or as miniCBF, or all frames in one NeXus\n"
    "file. Frame i's noise seed is derived from -seed (default 1) and i, so every frame is\n"
    "reproducible alone: its flags in the manifest reproduce it with `bragg simulate`. A frame\n"
    "whose files are complete is skipped, so an interrupted run is\n"
    "completed by running it again. Writes DIR/manifest.json: each frame's flags, seed, φ, files\n"
    "with size and CRC-32, and seconds.\n"
    "\n"
    "options:\n"
    "  --frames N            number of frames (with --sweep: the file's line count, if given)\n"
    "  --phi0 DEG            φ of frame 0 (default: the flags' -phi, else 0)\n"
    "  --osc DEG             rotation per frame (default: the flags' -osc)\n"
    "  --sweep FILE          one line of flag changes per frame instead of a rotation, e.g.\n"
    "                        '-distance 120 -lambda 1.1' ('#' starts a comment line); with --osc the\n"
    "                        frames rotate too\n"
    "  --outdir DIR          the series folder (default series)\n"
    "  --name PATTERN        file names; the run of '#' is the zero-padded frame index\n"
    "                        (default frame_#####: frame_00007.img, frame_00007.bin)\n"
    "  --format LIST         comma-separated (default smv,float): smv (.img), float (.bin), cbf\n"
    "                        (miniCBF .cbf, its Start_angle and Angle_increment the frame's; refuses\n"
    "                        what -cbffile refuses), nexus (one NXmx file for the series, named\n"
    "                        by --name without its '#': frame.h5; -nexus_compression applies)\n"
    "  --noise               also the Poisson noise image in each format that holds counts, named\n"
    "                        with noise_ before the '#' (frame_noise_00007.img, frame_noise_00007.cbf,\n"
    "                        frame_noise.h5); SMV when only float is asked\n"
    "  --quiet               no progress lines on stderr\n"
    "\n"
    "sides: one engine renders the frames (--engines NAME, default optimized). Name a second side\n"
    "and every frame is compared too (compare's default thresholds; the manifest lists each frame's\n"
    "verdict, failures and metrics) while the reference side's image is written:\n"
    "  --engines REF[,CAND]  engines (reference,optimized: both engines on every "
    "frame)\n" BRAGG_HELP_SIDE_PROGRAMS BRAGG_HELP_SIDE_RUN
    "  --threads N           OpenMP threads per process (default: all cores)\n"
    "  --physics MODE, --candidate-physics MODE  as for bragg compare\n"
    "  --keep-scratch        keep a program side's scratch folder\n"
    "\n"
    "distribution:\n"
    "  --mpi                 under mpirun: rank 0 hands out frames to the ranks as they finish and\n"
    "                        writes the manifest and the NeXus file (outputs identical to one\n"
    "                        process; NeXus: the same datasets, its start_time differs)\n"
    "  --shard I/N           only frames i with i mod N = I; writes manifest.shard-I-of-N.json\n"
    "                        (combine the shards with bragg merge DIR, which writes the NeXus file)\n"
    "  --slurm-script FILE   write a Slurm job-array script instead of rendering: one task per\n"
    "                        shard, threads from SLURM_CPUS_PER_TASK\n"
    "  --slurm-tasks N       array tasks (default: one per frame, at most 1000)\n"
    "\n"
    "NeXus: each frame's image is staged as DIR/.series/<name>.h5.bin with its record; the one file is\n"
    "written when every frame is complete, then the staged frames are removed. A frame is complete\n"
    "when its record matches and its pixels (CRC-32) are staged or in the file, so a rerun renders\n"
    "only the others and rewrites the file with every frame.\n"
    "\n"
    "exit status: 0 every frame written, 1 bad options or flags, 2 a side failed on some frame,\n"
    "3 some frame's comparison is BLOCKED, 5 unreadable input or unwritable output\n";

struct SeriesOptions {
    SeriesSpec spec;
    SideOptions sides;  // engines "optimized": one side unless a second is named
    std::string outdir = "series", name = "frame_#####", format = "smv,float", slurmScript;
    DistributionOptions distribution;
    int slurmTasks = 0;
    bool noise = false, quiet = false, help = false;
};

// The side whose images are written, and the one each frame is compared with, if any.
struct SeriesSides {
    run::SideSpec reference;
    std::optional<run::SideSpec> candidate;
};

// The arguments without the options that pick this process's share (a Slurm task adds its own).
std::vector<std::string> withoutDistribution(const std::vector<std::string>& args) {
    const std::vector<std::string> dropped = {"--slurm-script", "--slurm-tasks", "--shard", "--threads",
                                              "--mpi"};
    std::vector<std::string> kept;
    bool flags = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        flags = flags || a == "--";
        const auto option = std::find_if(dropped.begin(), dropped.end(), [&](const std::string& d) {
            return a == d || a.rfind(d + "=", 0) == 0;
        });
        if (flags || option == dropped.end())
            kept.push_back(a);
        else if (a == *option && a != "--mpi")
            ++i;  // its value
    }
    return kept;
}

std::string thisExecutable() {
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("bragg") : self.string();
}

int writeSlurmScript(const SeriesOptions& o, const SeriesPlan& plan, const std::vector<std::string>& args) {
    const int frames = int(plan.frames.size());
    const int tasks = o.slurmTasks > 0 ? o.slurmTasks : std::min(frames, 1000);
    if (tasks > frames)
        throw usageError("--slurm-tasks " + std::to_string(tasks) + ": more tasks than the " +
                         std::to_string(frames) + " frames");
    SlurmJob job;
    job.bragg = thisExecutable();
    job.workdir = fs::current_path().string();
    job.seriesArgs = withoutDistribution(args);
    job.tasks = tasks;
    job.cpusPerTask = o.sides.threads;
    job.outdir = fs::absolute(o.outdir).lexically_normal().string();
    fs::create_directories(o.outdir);  // Slurm writes the tasks' logs there
    io::writeFileAtomically(o.slurmScript, slurmScript(job));
    fs::permissions(o.slurmScript, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add);
    std::printf(
        "series: wrote %s (%d array tasks for %d frames); submit it with sbatch, then run\n"
        "  bragg merge %s\n",
        o.slurmScript.c_str(), tasks, frames, o.outdir.c_str());
    return 0;
}

// What the manifest says about the series as a whole (equal in every shard's manifest).
nlohmann::ordered_json describe(const SeriesOptions& o, const SeriesPlan& plan, const SeriesSides& sides,
                                const nlohmann::ordered_json& seriesFiles) {
    nlohmann::ordered_json d;
    d["frames"] = plan.frames.size();
    d["rotation"] = plan.rotates;
    if (plan.rotates) d["phi0_deg"] = plan.phi0Deg, d["osc_deg"] = plan.oscDeg;
    d["seed"] = plan.baseSeed;
    d["flags"] = o.spec.flags;
    if (!o.spec.sweepFile.empty()) d["sweep"] = o.spec.sweepFile;
    d["format"] = splitCommaList(o.format);
    d["noise"] = o.noise;
    d["name"] = o.name;
    d["reference"] = sides.reference.label();
    if (sides.candidate) d["candidate"] = sides.candidate->label();
    if (!seriesFiles.is_null()) d["series_files"] = seriesFiles;
    return d;
}

// "series: 12/20 frames (3 already complete), 1.52 s/frame, ETA 0:12" on stderr.
class SeriesProgress {
public:
    SeriesProgress(std::size_t total, bool enabled) : total_(total), enabled_(enabled) {}
    void frameDone(bool skipped) {
        ++done_;
        skipped_ += skipped;
        if (!enabled_) return;
        const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
        const std::size_t rendered = done_ - skipped_;
        std::string rate;
        if (rendered > 0) {
            const double perFrame = elapsed / double(rendered);
            const long eta = std::lround(perFrame * double(total_ - done_));
            char text[96];
            std::snprintf(text, sizeof text, ", %.2f s/frame, ETA %ld:%02ld", perFrame, eta / 60, eta % 60);
            rate = text;
        }
        std::fprintf(stderr, "series: %zu/%zu frames (%zu already complete)%s\n", done_, total_, skipped_,
                     rate.c_str());
    }
    std::size_t skipped() const { return skipped_; }

private:
    std::size_t total_, done_ = 0, skipped_ = 0;
    bool enabled_;
    Clock::time_point start_ = Clock::now();
};

class FrameRenderer {
public:
    FrameRenderer(const SeriesOptions& o, const SeriesPlan& plan, const FrameWriter& writer,
                  const SeriesSides& sides)
        : plan_(plan), writer_(writer), outdir_(o.outdir) {
        sides_.reference.set(sides.reference);
        if (sides.candidate) sides_.candidate.set(*sides.candidate);
    }

    // The frame's record as JSON text: {"skipped": bool, "record": {...}}.
    std::string operator()(int index) {
        const FramePlan& frame = plan_.frames[std::size_t(index)];
        const std::vector<std::string> files = writer_.files(index);
        const std::vector<SeriesFileFrame> seriesFrames = writer_.seriesFrames(index);
        nlohmann::ordered_json result;
        nlohmann::ordered_json record = completeRecord(outdir_, frame, files, seriesFrames);
        // With a candidate, a frame counts as complete only once compared with that candidate.
        if (sides_.candidate.ready() && !record.is_null() &&
            record.value("candidate", "") != candidateLabel())
            record = nullptr;
        result["skipped"] = !record.is_null();
        if (record.is_null()) record = render(frame, files, seriesFrames);
        result["record"] = record;
        return result.dump();
    }

private:
    nlohmann::ordered_json render(const FramePlan& frame, const std::vector<std::string>& files,
                                  const std::vector<SeriesFileFrame>& seriesFrames) {
        const auto start = Clock::now();
        const run::PreparedRun prepared = run::prepareRun(frame.flags, fs::current_path().string());
        run::SideResult image;
        std::optional<Comparison> comparison;
        if (sides_.candidate.ready()) {
            run::RunResult pair = runPair(sides_, prepared, Thresholds{}, std::nullopt, PeakOptions{});
            comparison = pair.summary.comparison;
            image = std::move(pair.reference);
        } else {
            RenderControl control;
            image = sides_.reference.run(prepared.flags, run::deriveFor(sides_.reference, prepared.params),
                                         false, control);
        }
        writer_.write(frame.index, *image.experiment, *image.image);
        nlohmann::ordered_json record = frameRecord(
            outdir_, frame, files, seriesFrames, std::chrono::duration<double>(Clock::now() - start).count());
        // The rest of "seconds" is the per-frame overhead: flags, derivation, writing, checksums.
        if (image.info.renderSeconds) record["render_seconds"] = *image.info.renderSeconds;
        if (comparison) {
            record["candidate"] = candidateLabel();
            record["verdict"] = toString(comparison->verdict);
            record["failures"] = comparison->failures;
            record["metrics"] = report::metricsJson(*comparison);
        }
        // Last: the record is what makes the frame complete.
        report::writeJsonFile(recordPath(outdir_, frame.index).string(), record);
        return record;
    }

    std::string candidateLabel() const { return sides_.candidate.spec().label(); }

    const SeriesPlan& plan_;
    const FrameWriter& writer_;
    fs::path outdir_;
    run::SidePair sides_;
};

// One side renders the frames, unless the options name two (two engines, or a program or command
// on either side): then every frame is compared too, and the reference side's image is written.
SeriesSides seriesSides(const SideOptions& o) {
    const bool two = o.engines.find(',') != std::string::npos || !o.referenceBin.empty() ||
                     !o.referenceCmd.empty() || !o.candidateBin.empty() || !o.candidateCmd.empty();
    if (!two) {
        if (!o.referenceEnv.empty() || !o.candidateEnv.empty())
            throw usageError(
                "--reference-env, --candidate-env: no side is a program (--reference-bin/-cmd, "
                "--candidate-bin/-cmd)");
        return {run::SideSpec::engineSide(o.engines, parsePhysicsMode(o.physics)), std::nullopt};
    }
    const SideSpecs specs = sideSpecs(o);
    return {specs.reference, specs.candidate};
}

int runSeriesWith(const SeriesOptions& o, const std::vector<std::string>& args, const mpi::Session* session) {
    const bool leader = !session || session->rank() == 0;
    const SeriesPlan plan = planSeries(o.spec);
    const Shard shard = o.distribution.parsedShard();
    const std::vector<std::string> formats = splitCommaList(o.format);
    const auto writer = makeFrameWriter(formats, o.outdir, o.name, o.noise);
    const SeriesSides sides = seriesSides(o.sides);
    std::vector<std::string> seriesPaths;
    for (const SeriesFileFrame& f : writer->seriesFrames(0)) seriesPaths.push_back(f.path);
    const nlohmann::ordered_json seriesFiles =
        checkSeriesGeometry(plan, formats, sides.reference, seriesPaths);
    // After every check: the script's tasks would refuse what is refused here.
    if (!o.slurmScript.empty()) return writeSlurmScript(o, plan, args);
    if (o.sides.threads > 0) omp_set_num_threads(o.sides.threads);

    std::vector<int> items;
    for (const FramePlan& f : plan.frames)
        if (shard.owns(f.index)) items.push_back(f.index);
    FrameRenderer renderer(o, plan, *writer, sides);
    fs::create_directories(fs::path(o.outdir) / ".series");  // after every check: bad input writes nothing
    SeriesProgress progress(items.size(), leader && !o.quiet);
    std::map<int, nlohmann::ordered_json> records;
    std::optional<ItemResult> firstError;
    int blocked = 0;
    const ItemDone done = [&](int item, const ItemResult& r) {
        if (r.exitCode != 0) {
            std::fprintf(stderr, "bragg series: error: frame %d: %s\n", item, r.error.c_str());
            if (!firstError) firstError = r;
            return;
        }
        const auto result = nlohmann::ordered_json::parse(r.text);
        records[item] = result.at("record");
        blocked += records[item].value("verdict", "PASS") != "PASS";
        progress.frameDone(result.at("skipped").get<bool>());
    };
    if (session)
        mpi::runItems(*session, items, std::ref(renderer), done);
    else
        runItemsHere(items, std::ref(renderer), done);
    if (!leader) return 0;

    if (firstError) {
        std::fprintf(stderr,
                     "bragg series: %zu of %zu frames failed; run the same command again to complete them\n",
                     items.size() - records.size(), items.size());
        return firstError->exitCode;
    }
    if (!seriesFiles.is_null() && shard.count == 1) {
        std::vector<RecordedFrame> frames;
        frames.reserve(records.size());
        for (const auto& [index, record] : records) frames.push_back({o.outdir, record});
        assembleSeriesFiles(seriesFiles, frames, o.outdir);
    }
    nlohmann::ordered_json description = describe(o, plan, sides, seriesFiles);
    std::vector<nlohmann::ordered_json> list;
    list.reserve(records.size());
    for (auto& [index, record] : records) list.push_back(std::move(record));
    nlohmann::ordered_json manifest = manifestJson(description, std::move(list));
    if (shard.count > 1) manifest["shard"] = {{"index", shard.index}, {"count", shard.count}};
    const fs::path manifestPath = fs::path(o.outdir) / manifestName(shard);
    report::writeJsonFile(manifestPath.string(), manifest);
    if (!o.quiet) {
        std::printf("series: %zu frames (%zu rendered, %zu already complete) in %s; manifest %s\n",
                    items.size(), items.size() - progress.skipped(), progress.skipped(), o.outdir.c_str(),
                    manifestPath.string().c_str());
        if (sides.candidate)
            std::printf("series: %zu of %zu frames PASS, %s against %s\n",
                        items.size() - std::size_t(blocked), items.size(), sides.candidate->label().c_str(),
                        sides.reference.label().c_str());
    }
    return blocked > 0 ? kExitBelowThreshold : 0;
}

}  // namespace

int runSeries(const std::vector<std::string>& args) {
    SeriesOptions o;
    std::optional<mpi::Session> session;
    try {
        const SplitArgs split = splitAtSeparator(args);
        CLI::App app("bragg series");
        configureApp(app, o.help);
        app.add_option("--frames", o.spec.frames, "");
        app.add_option("--phi0", o.spec.phi0Deg, "");
        app.add_option("--osc", o.spec.oscDeg, "");
        app.add_option("--sweep", o.spec.sweepFile, "");
        app.add_option("--outdir", o.outdir, "");
        app.add_option("--name", o.name, "");
        app.add_option("--format", o.format, "");
        app.add_flag("--noise", o.noise, "");
        o.sides.engines = "optimized";
        addSideOptions(app, o.sides, false);
        addDistributionOptions(app, o.distribution);
        app.add_option("--slurm-script", o.slurmScript, "");
        app.add_option("--slurm-tasks", o.slurmTasks, "")->check(CLI::Range(1, 100000));
        app.add_flag("-q,--quiet", o.quiet, "");
        if (const auto status = parseWithCli11(app, split.own, "series", kHelp, o.help)) return *status;
        o.spec.flags = split.nanoBragg;
        if (o.distribution.mpi && !o.slurmScript.empty())
            throw usageError("--mpi and --slurm-script: give one");
        if (o.distribution.mpi) session.emplace();
        const int code = runSeriesWith(o, args, session ? &*session : nullptr);
        return session ? mpi::broadcast(*session, code) : code;
    } catch (...) {
        const CaughtError caught = describeCurrentException();
        if (!session || session->rank() == 0)
            std::fprintf(stderr, "bragg series: error: %s\n", caught.message.c_str());
        return caught.exitCode;
    }
}

}  // namespace bragg::cli
