// Boost.JSON's compiled part: Debian's Boost 1.81 ships no libboost_json, so it is built here, once.
#include <boost/json/src.hpp>
