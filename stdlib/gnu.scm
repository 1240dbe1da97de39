;;; The module configurations start from: (use-modules (gnu)).

(define-module (gnu)
  #:export (use-package-modules
            use-service-modules
            use-system-modules))

;;; Commentary:
;;;
;;; (gnu) re-exports the modules a system declaration needs, so that a
;;; configuration written for Guix loads unchanged.  The use-*-modules forms
;;; import (gnu packages NAME), (gnu services NAME) and (gnu system NAME).
;;;
;;; Code:

((python-ref (python-import "oscdsl.os.host") "reexport_modules")
 (current-module)
 '((gnu system)
   (gnu system file-systems)
   (gnu system accounts)
   (gnu system shadow)
   (gnu system nss)
   (gnu system keyboard)
   (gnu system pam)
   (gnu bootloader)
   (gnu bootloader grub)
   (gnu services)
   (gnu services base)
   (gnu services shepherd)
   (gnu packages)
   (gnu packages base)
   (guix gexp)))

(define-syntax use-package-modules
  (syntax-rules ()
    ((_ name ...)
     (use-modules (gnu packages name) ...))))

(define-syntax use-service-modules
  (syntax-rules ()
    ((_ name ...)
     (use-modules (gnu services name) ...))))

(define-syntax use-system-modules
  (syntax-rules ()
    ((_ name ...)
     (use-modules (gnu system name) ...))))
