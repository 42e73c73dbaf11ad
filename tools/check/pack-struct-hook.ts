// Preloaded with `node -r` into every policy pack process the check starts: the requests'
// properties are read straight from their bytes (pack-struct.ts).
import { installPackStruct } from "./pack-struct";

installPackStruct();
