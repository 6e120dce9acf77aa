// bragg-hooked: `bragg` with the perturbed engines added (tests/hooks/PerturbedEngine.h), for tests
// that run the command line on an engine with a deliberate bug. Built with the tests, never
// installed: the product's bragg has no test hooks.
#include <string>
#include <vector>

#include "Commands.h"
#include "PerturbedEngine.h"

int main(int argc, char** argv) {
    bragg::addPerturbedEngines();
    return bragg::cli::run(std::vector<std::string>(argv + 1, argv + argc));
}
