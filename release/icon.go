package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
)

// iconPNG draws the bundle's icon: a white house on a blue tile, 256×256
// pixels. Drawing it here keeps binary files out of the repository.
func iconPNG() []byte {
	const size = 256
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	tile := color.NRGBA{0x1f, 0x5f, 0xa8, 0xff}
	white := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	const radius = 40
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			switch {
			case !inRoundedSquare(x, y, size, radius):
				// transparent corner
			case inHouse(x, y) && !inDoor(x, y):
				img.SetNRGBA(x, y, white)
			default:
				img.SetNRGBA(x, y, tile)
			}
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img) // writing to memory cannot fail
	return buf.Bytes()
}

func inRoundedSquare(x, y, size, r int) bool {
	cx, cy := x, y
	switch {
	case x < r:
		cx = r
	case x >= size-r:
		cx = size - r - 1
	}
	switch {
	case y < r:
		cy = r
	case y >= size-r:
		cy = size - r - 1
	}
	dx, dy := x-cx, y-cy
	return dx*dx+dy*dy <= r*r
}

// inHouse: a roof (triangle from (128,48) down to y=124, 96 wide each
// side) over a body from x=72 to 184, y=124 to 208.
func inHouse(x, y int) bool {
	if y >= 48 && y < 124 {
		half := (y - 48) * 96 / 76
		return x >= 128-half && x <= 128+half
	}
	return y >= 124 && y < 208 && x >= 72 && x < 184
}

func inDoor(x, y int) bool { return y >= 152 && y < 208 && x >= 112 && x < 144 }
