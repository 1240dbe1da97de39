;;; (guix monads): monads, the state monad, and the syntax to use them.
;;;
;;; The procedures and the monads themselves are written in Python (see
;;; oscdsl/gexp/monads.py); `with-monad', `mlet', `mlet*', `mbegin', `mwhen'
;;; and `munless' are core syntax.  This file exports them under the names
;;; Guix uses.

(define-module (guix monads)
  #:export (with-monad mlet mlet* mbegin mwhen munless
            >>= return))

;;; `return' and `>>=' are bound only inside `with-monad' (and the forms
;;; built on it).  Exporting them lets `#:select' name them as in Guix.

(define (monad-return monad value)
  "Return VALUE in MONAD."
  (with-monad monad (return value)))

(define (monad-bind monad mvalue mproc)
  "Return MVALUE bound to MPROC in MONAD."
  (with-monad monad (>>= mvalue mproc)))

(export monad-return monad-bind)
