// What a locked-down process may read while it loads a plugin, enforced by
// Landlock (landlock.hpp).
#pragma once

#include <string>
#include <vector>

namespace cordon::sandbox {

// The plugin's own file, the shared libraries beside it (*.so, *.so.*: what
// an $ORIGIN run path may name), and the system's library directories and
// cache. Not the rest of the plugin's directory: `cordon plugin check
// ~/Downloads/x.so` must not let x.so read ~/Downloads, and its packets are
// a channel out. Lists the directory's names, never a file's contents, so
// the supervisor may run it for a child, and a child before its lockdown.
std::vector<std::string> readable_while_loading(const std::string &plugin_path);

} // namespace cordon::sandbox
