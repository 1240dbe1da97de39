;;; Checks the module-import forms configs use with Guile's own modules:
;;; use-modules with #:select (including renaming pairs), #:prefix,
;;; #:renamer and #:hide, and the @ and @@ references.

(use-modules ((srfi srfi-1) #:select (fold (last . final)))
             ((srfi srfi-13) #:prefix s13:)
             ((ice-9 match) #:renamer (symbol-prefix-proc 'm:))
             ((srfi srfi-26) #:hide (cute)))

(write (fold + 0 '(1 2 3))) (newline)
(write (final '(1 2 3))) (newline)
(write (s13:string-pad "7" 3 #\0)) (newline)
(write (m:match '(1 2) ((a b) (+ a b)))) (newline)
(write ((cut list 1 <>) 2)) (newline)
(write (defined? 'cute)) (newline)
(write ((@ (srfi srfi-1) iota) 3)) (newline)
(write ((@ (srfi srfi-1) delete-duplicates) '(a a b))) (newline)
(write ((@@ (srfi srfi-1) first) '(x y))) (newline)
