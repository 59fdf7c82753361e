package main

import (
	"bytes"
	"debug/macho"
	"encoding/binary"
	"fmt"
	"os"
)

// fatAlign is the alignment of each slice in a universal binary, as a
// power of two: 2^14 = 16 KiB, the page size of arm64 macOS, which is
// what Apple's lipo uses.
const fatAlign = 14

// writeUniversal joins thin Mach-O binaries (darwin/amd64 and darwin/arm64)
// into one universal ("fat") binary that macOS runs on either CPU, the way
// lipo -create does. Each slice stays byte for byte as the Go linker wrote
// it, so its ad-hoc code signature stays valid.
func writeUniversal(out string, thin ...string) error {
	type slice struct {
		data        []byte
		cpu, subCPU uint32
	}
	var slices []slice
	for _, path := range thin {
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := macho.NewFile(bytes.NewReader(data))
		if err != nil {
			return fmt.Errorf("universal binary: %s is not a Mach-O binary: %w", path, err)
		}
		slices = append(slices, slice{data, uint32(f.Cpu), f.SubCpu})
		f.Close()
	}
	if len(slices) < 2 {
		return fmt.Errorf("universal binary: need at least two slices, have %d", len(slices))
	}
	var buf bytes.Buffer
	be := binary.BigEndian
	header := make([]byte, 8+20*len(slices))
	be.PutUint32(header[0:], macho.MagicFat)
	be.PutUint32(header[4:], uint32(len(slices)))
	offset := alignUp(len(header), 1<<fatAlign)
	for i, s := range slices {
		e := header[8+20*i:]
		be.PutUint32(e[0:], s.cpu)
		be.PutUint32(e[4:], s.subCPU)
		be.PutUint32(e[8:], uint32(offset))
		be.PutUint32(e[12:], uint32(len(s.data)))
		be.PutUint32(e[16:], fatAlign)
		offset = alignUp(offset+len(s.data), 1<<fatAlign)
	}
	buf.Write(header)
	for _, s := range slices {
		buf.Write(make([]byte, alignUp(buf.Len(), 1<<fatAlign)-buf.Len()))
		buf.Write(s.data)
	}
	return os.WriteFile(out, buf.Bytes(), 0o755)
}

func alignUp(n, a int) int { return (n + a - 1) / a * a }
