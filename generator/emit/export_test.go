package emit

// SetPieceSize sets how many declarations a piece of a file spans (see
// split.go) until the returned function restores it.
func SetPieceSize(n int) (restore func()) {
	old := pieceSize
	pieceSize = n
	return func() { pieceSize = old }
}
