import Glibc
import RayRecCLI

exit(run(Array(CommandLine.arguments.dropFirst())))
