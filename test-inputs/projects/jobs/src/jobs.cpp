#include "jobs.h"
#include <thread>

static void reindex(int id) { (void)id; }

void reindex_later(int &id) { std::thread([&id] { reindex(id); }).detach(); }
