print("rayrec-bench")
