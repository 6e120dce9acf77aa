#include "io/RawFloat.h"

#include <algorithm>
#include <stdexcept>

#include "core/Error.h"
#include "io/AtomicFile.h"
#include "io/ByteOrder.h"
#include "io/FileBytes.h"

namespace bragg::io {

void writeFloatImage(const std::string& path, const Image& image) {
    if (image.pixels.size() != std::size_t(image.fpixels) * std::size_t(image.spixels))
        throw std::invalid_argument("writeFloatImage: pixel count does not match the image size");
    writeFileAtomically(path, [&image](std::ostream& os) {
        std::string chunk;
        const std::size_t n = image.pixels.size();
        for (std::size_t i = 0; i < n; i += 16384) {  // encode in chunks, not one big copy
            chunk.clear();
            for (std::size_t j = i; j < std::min(n, i + 16384); ++j) appendLE(chunk, image.pixels[j]);
            os.write(chunk.data(), std::streamsize(chunk.size()));
        }
    });
}

Image readFloatImage(const std::string& path, int fpixels, int spixels) {
    if (fpixels <= 0 || spixels <= 0)
        throw inputError(path + ": invalid float image size " + std::to_string(fpixels) + " x " +
                         std::to_string(spixels));
    std::string bytes = readFileBytes(path);
    const std::size_t count = std::size_t(fpixels) * std::size_t(spixels);
    if (bytes.size() != 4 * count)
        throw inputError(path + ": expected " + std::to_string(4 * count) + " bytes (" +
                         std::to_string(fpixels) + " x " + std::to_string(spixels) + " float32), got " +
                         std::to_string(bytes.size()));
    Image image(fpixels, spixels);
    for (std::size_t i = 0; i < count; ++i) image.pixels[i] = loadLE<float>(bytes.data() + 4 * i);
    return image;
}

}  // namespace bragg::io
