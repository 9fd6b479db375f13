// An owning libsndfile handle that headers can name without including
// sndfile.h (so users of the media library need not see libsndfile).
#pragma once

#include <memory>

struct sf_private_tag; // libsndfile's SNDFILE

namespace cordon::media {

struct SndfileCloser {
    void operator()(sf_private_tag *file) const;
};
using SndfileHandle = std::unique_ptr<sf_private_tag, SndfileCloser>;

} // namespace cordon::media
