// A file that crosses the arrows on purpose: the architecture test must name each line (never compiled).
#include "ui/views.hpp"
#include "render/renderer.hpp"
#include <sodium.h>
#include <vector>
#include "content/model.hpp"
#include <curl/curl.h>
