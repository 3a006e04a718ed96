// The files a test platform runs with so that every 企业开办 step is pushed (the chaos and cluster tests): the
// demo catalog with 人社 on push transport, and a departments file naming the simulator for each push
// department (quick retries, a 5 s answer timeout).
#pragma once

#include <string>

namespace ow::chaos {

// Writes FILES_DIR/catalog/*.yaml and FILES_DIR/departments.yaml (secrets from OW_DEPT_SECRET_<code>).
void write_push_catalog(const std::string& files_dir, int sim_port);

}  // namespace ow::chaos
