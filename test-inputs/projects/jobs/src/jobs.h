#pragma once
// Defined in jobs.cpp, where it detaches a thread.
void reindex_later(int id);
