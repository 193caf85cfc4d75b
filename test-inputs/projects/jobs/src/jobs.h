#pragma once
// Defined in jobs.cpp, where it detaches a thread that keeps a reference.
void reindex_later(int &id);
