#pragma once
// --mpi and --shard I/N, the two ways series, parity and hunt spread their items
// (README "Rotation series and clusters").
#include <string>

#include <CLI/CLI.hpp>

#include "SeriesPlan.h"

namespace bragg::cli {

struct DistributionOptions {
    bool mpi = false;   // ranks of one mpirun take items from rank 0
    std::string shard;  // "I/N" as given; empty: every item
    Shard parsedShard() const { return shard.empty() ? Shard{} : parseShard(shard); }
};

inline void addDistributionOptions(CLI::App& app, DistributionOptions& o) {
    app.add_flag("--mpi", o.mpi, "");
    app.add_option("--shard", o.shard, "");
}

}  // namespace bragg::cli
