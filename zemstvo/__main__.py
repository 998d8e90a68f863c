from zemstvo.cli import main

main()
