#pragma once
// Where a set-up comes from: our derived Experiment, or what a nanoBragg-compatible program
// printed before rendering.
#include <string>

#include "model/Experiment.h"
#include "setup/Setup.h"

namespace bragg::setup {

// Every quantity of the list, from the experiment an engine renders.
Setup setupOf(const Experiment& experiment);

// The quantities found in nanoBragg's printout (its stdout/stderr before "% done"); empty if the
// output has none of them. Lines nanoBragg prints only when a feature is on ("curved detector:")
// count as "off" once the printout's summary block (the "roi:" line) has been seen.
Setup parsePrintout(const std::string& output);

}  // namespace bragg::setup
