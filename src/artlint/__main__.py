from artlint.launch import main

main()
