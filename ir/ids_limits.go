package ir

// Limits, and input that is hostile or broken rather than wrong.
const (
	IDTooLarge     ID = "PC540" // a file is larger than the size limit (--max-size)
	IDAliasBomb    ID = "PC541" // YAML aliases expand a document beyond the node budget
	IDTooDeep      ID = "PC542" // values nest deeper than the nesting limit
	IDBinary       ID = "PC543" // a binary file, skipped in a walk
	IDVanished     ID = "PC544" // a file or directory was removed during a walk
	IDNotRegular   ID = "PC545" // a source is a directory, pipe or device, not a file
	IDCommandDepth ID = "PC546" // a command too long or nested too deeply to analyse; kept as written
	IDNameClash    ID = "PC547" // two processes get the same name (a replica and another process)
	IDTooMany      ID = "PC548" // more processes, targets, variables, replicas or template work than the converter does
)
