#include "io/Pgm.h"

#include <stdexcept>

#include "io/AtomicFile.h"
#include "io/CText.h"

namespace bragg::io {

void writePgm(const std::string& path, int fpixels, int spixels, const std::vector<std::uint8_t>& bytes,
              double scale) {
    if (fpixels <= 0 || spixels <= 0 || bytes.size() != std::size_t(fpixels) * std::size_t(spixels))
        throw std::invalid_argument("writePgm: byte count does not match the image size");
    const std::string header = "P5\n" + std::to_string(fpixels) + " " + std::to_string(spixels) +
                               "\n# pixels scaled by " + formatG(scale) + "\n255\n";
    writeFileAtomically(path, [&](std::ostream& os) {
        os.write(header.data(), std::streamsize(header.size()));
        os.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    });
}

}  // namespace bragg::io
