// The object label the strategy tests check, unless a test says otherwise.

import LSMModel

let testLabel: SID = 1_000
